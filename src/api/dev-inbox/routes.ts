import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, safeContentType } from '../../attachments/index.js';
import {
  createMailCache,
  type DevInbox,
  type MailCache,
  type MailPart,
  prepareBody,
} from '../../dev-inbox/index.js';
import { MailbeaconError } from '../../errors.js';
import { newNonce } from '../../html/index.js';
import { negotiateLanguage } from '../../i18n/index.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { renderListPage } from './list-page.js';
import { renderMailPage, renderSourcePage, renderTextBody } from './mail-page.js';
import { type PageContext, pageCsp, renderNotFoundPage } from './page.js';
import { BODY_CSP, encodePathSegment, PART_CSP } from './part-headers.js';
import { presentDevInboxMail } from './present.js';
import {
  AttachmentParams,
  Bytes,
  DEFAULT_LIMIT,
  HtmlPage,
  InboxList,
  InboxQuery,
  InlinePartParams,
  MailParams,
} from './schema.js';

export interface DevInboxRouteOptions {
  readonly inbox: DevInbox;
  /** The dev SMTP server's port, named on the inbox page so other programs can send there. */
  readonly smtpPort?: number;
}

const tags = ['dev inbox'];
// Whoever opens a mail is its recipient, not a user of the app.
const config = { access: 'public' as const };

const notFound = () => new MailbeaconError('MB_ERR_NOT_FOUND', 'No such mail in the dev inbox');

/**
 * The dev inbox over HTTP: the JSON listing and raw source of the contract, and pages that show
 * each mail as a recipient's client would. Register only when SMTP_URL is unset.
 */
export async function devInboxRoutes(
  app: FastifyInstance,
  options: DevInboxRouteOptions,
): Promise<void> {
  const api = typed(app);
  const { inbox } = options;
  const mails = createMailCache(inbox);

  // Everything here is mail content or shows it: never sniffed into something else, and never
  // a Referer telling a sender's server where its mail was read.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  listMails(api, inbox);
  rawSource(api, inbox);
  listPage(api, inbox, options.smtpPort);
  mailPage(api, inbox, mails);
  sourcePage(api, inbox);
  bodyFrame(api, mails);
  inlinePart(api, mails);
  attachment(api, mails);
}

async function openOrFail(mails: MailCache, id: string) {
  const mail = await mails.open(id);
  if (!mail) throw notFound();
  return mail;
}

/** A part of a mail as its own response: its declared type when plain, and it runs nothing. */
function sendPart(reply: FastifyReply, kind: 'inline' | 'attachment', part: MailPart) {
  return reply
    .type(safeContentType(part.contentType))
    .header('content-disposition', contentDisposition(kind, part.filename))
    .header('content-security-policy', PART_CSP)
    .header('cache-control', 'private, max-age=3600')
    .send(part.content);
}

/**
 * A fresh nonce, and the language the reader's browser asks for. Not the signed-in user's
 * profile language: that one is for their mail and notifications, while the web app, like
 * the recipient pages, speaks the browser's (or the reader's choice in it).
 */
function pageContext(request: FastifyRequest): PageContext {
  return { nonce: newNonce(), language: negotiateLanguage(request.headers['accept-language']) };
}

function sendPage(reply: FastifyReply, context: PageContext, html: string, status = 200) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', pageCsp(context.nonce))
    .header('cache-control', 'no-store')
    .send(html);
}

function listMails(api: Api, inbox: DevInbox): void {
  api.get(
    '/api/v1/dev/inbox',
    {
      config,
      schema: {
        tags,
        summary: 'The mails the dev inbox caught, newest first',
        querystring: InboxQuery,
        response: responses({ 200: InboxList }),
      },
    },
    async (request, reply) => {
      const rows = await inbox.list(request.query.limit ?? DEFAULT_LIMIT);
      reply.header('cache-control', 'no-store');
      return { messages: rows.map(presentDevInboxMail) };
    },
  );
}

function rawSource(api: Api, inbox: DevInbox): void {
  api.get(
    '/api/v1/dev/inbox/:id/raw',
    {
      config,
      schema: {
        tags,
        summary: 'A caught mail’s RFC 5322 source, exactly as received',
        produces: ['message/rfc822'],
        params: MailParams,
        response: responses({ 200: Bytes('The RFC 5322 source') }),
      },
    },
    async (request, reply) => {
      const raw = await inbox.raw(request.params.id);
      if (!raw) throw notFound();
      return reply
        .type('message/rfc822')
        .header('content-disposition', contentDisposition('attachment', `${request.params.id}.eml`))
        .header('content-security-policy', PART_CSP)
        .send(raw);
    },
  );
}

function listPage(api: Api, inbox: DevInbox, smtpPort: number | undefined): void {
  api.get(
    '/dev/inbox',
    {
      config,
      schema: {
        tags,
        summary: 'The dev inbox page: caught mails, newest first, refreshing itself',
        produces: ['text/html'],
        querystring: InboxQuery,
        response: responses({ 200: HtmlPage }),
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const rows = await inbox.list(limit);
      const context = pageContext(request);
      return sendPage(reply, context, renderListPage(context, rows, { limit, smtpPort }));
    },
  );
}

/** A page about one mail: what `load` finds, rendered; the not-found page when it finds nothing. */
function pageAboutMail<T>(
  api: Api,
  path: string,
  summary: string,
  load: (id: string) => Promise<T | undefined>,
  render: (context: PageContext, found: T) => string,
): void {
  api.get(
    path,
    {
      config,
      schema: {
        tags,
        summary,
        produces: ['text/html'],
        params: MailParams,
        response: responses({ 200: HtmlPage }),
      },
    },
    async (request, reply) => {
      const context = pageContext(request);
      const found = await load(request.params.id);
      if (found === undefined) return sendPage(reply, context, renderNotFoundPage(context), 404);
      return sendPage(reply, context, render(context, found));
    },
  );
}

function mailPage(api: Api, inbox: DevInbox, mails: MailCache): void {
  pageAboutMail(
    api,
    '/dev/inbox/:id',
    'One mail as its recipient’s client shows it',
    async (id) => {
      const [row, mail] = await Promise.all([inbox.find(id), mails.open(id)]);
      return row && mail ? { row, mail } : undefined;
    },
    (context, { row, mail }) => renderMailPage(context, row, mail),
  );
}

function sourcePage(api: Api, inbox: DevInbox): void {
  pageAboutMail(
    api,
    '/dev/inbox/:id/source',
    'One mail’s source, as a page',
    async (id) => {
      const [row, raw] = await Promise.all([inbox.find(id), inbox.raw(id)]);
      return row && raw ? { row, raw } : undefined;
    },
    (context, { row, raw }) => renderSourcePage(context, row, raw),
  );
}

function bodyFrame(api: Api, mails: MailCache): void {
  api.get(
    '/dev/inbox/:id/body',
    {
      config,
      schema: {
        tags,
        summary: 'The mail’s body for the sandboxed frame of its page',
        produces: ['text/html'],
        params: MailParams,
        response: responses({ 200: HtmlPage }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const mail = await openOrFail(mails, id);
      // Absolute, so that a <base href> in the mail cannot send our own URLs elsewhere.
      const prefix = `${request.protocol}://${request.host}/dev/inbox/${encodePathSegment(id)}/cid/`;
      const html =
        mail.html === undefined
          ? renderTextBody(mail.text ?? '')
          : prepareBody(mail.html, (cid) => prefix + encodePathSegment(cid));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', BODY_CSP)
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
}

function inlinePart(api: Api, mails: MailCache): void {
  api.get(
    '/dev/inbox/:id/cid/:cid',
    {
      config,
      schema: {
        tags,
        summary: 'An inline part (an image the HTML shows through cid:)',
        params: InlinePartParams,
        response: responses({ 200: Bytes('The part, with its declared content type') }),
      },
    },
    async (request, reply) => {
      const mail = await openOrFail(mails, request.params.id);
      const part = mail.inlinePart(request.params.cid);
      if (!part) throw new MailbeaconError('MB_ERR_NOT_FOUND', 'The mail has no such inline part');
      return sendPart(reply, 'inline', part);
    },
  );
}

function attachment(api: Api, mails: MailCache): void {
  api.get(
    '/dev/inbox/:id/attachments/:index',
    {
      config,
      schema: {
        tags,
        summary: 'Download one attachment of a mail, as numbered on its page',
        params: AttachmentParams,
        response: responses({ 200: Bytes('The attachment, with its declared content type') }),
      },
    },
    async (request, reply) => {
      const mail = await openOrFail(mails, request.params.id);
      const file = mail.attachment(request.params.index);
      if (!file) throw new MailbeaconError('MB_ERR_NOT_FOUND', 'The mail has no such attachment');
      return sendPart(reply, 'attachment', file);
    },
  );
}
