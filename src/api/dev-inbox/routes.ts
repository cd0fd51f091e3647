import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../attachments/index.js';
import { createMailCache, type DevInbox, type MailCache } from '../../dev-inbox/index.js';
import { newNonce } from '../../html/index.js';
import { negotiateLanguage } from '../../i18n/index.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { renderListPage } from './list-page.js';
import { renderMailPage, renderSourcePage } from './mail-page.js';
import { type PageContext, pageCsp, renderNotFoundPage } from './page.js';
import { PART_CSP } from './part-headers.js';
import { partRoutes } from './part-routes.js';
import { presentDevInboxMail } from './present.js';
import { config, notFound, tags, workspaceOf } from './route-basics.js';
import {
  Bytes,
  DEFAULT_LIMIT,
  HtmlPage,
  InboxList,
  InboxMail,
  InboxQuery,
  MailParams,
} from './schema.js';

export interface DevInboxRouteOptions {
  readonly inbox: DevInbox;
  /** The dev SMTP server's port, named on the inbox page so other programs can send there. */
  readonly smtpPort?: number;
}

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
  oneMail(api, inbox);
  rawSource(api, inbox);
  listPage(api, inbox, options.smtpPort);
  mailPage(api, inbox, mails);
  sourcePage(api, inbox);
  partRoutes(api, mails);
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
      const rows = await inbox.list(workspaceOf(request), request.query.limit ?? DEFAULT_LIMIT);
      reply.header('cache-control', 'no-store');
      return { messages: rows.map(presentDevInboxMail) };
    },
  );
}

function oneMail(api: Api, inbox: DevInbox): void {
  api.get(
    '/api/v1/dev/inbox/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One caught mail: its headers as listed, and its SMTP envelope',
        params: MailParams,
        response: responses({ 200: InboxMail }),
      },
    },
    async (request, reply) => {
      const row = await inbox.find(workspaceOf(request), request.params.id);
      if (!row) throw notFound();
      reply.header('cache-control', 'no-store');
      return presentDevInboxMail(row);
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
      const raw = await inbox.raw(workspaceOf(request), request.params.id);
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
      const rows = await inbox.list(workspaceOf(request), limit);
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
  load: (workspaceId: string, id: string) => Promise<T | undefined>,
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
      const found = await load(workspaceOf(request), request.params.id);
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
    async (workspaceId, id) => {
      const [row, mail] = await Promise.all([
        inbox.find(workspaceId, id),
        mails.open(workspaceId, id),
      ]);
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
    async (workspaceId, id) => {
      const [row, raw] = await Promise.all([
        inbox.find(workspaceId, id),
        inbox.raw(workspaceId, id),
      ]);
      return row && raw ? { row, raw } : undefined;
    },
    (context, { row, raw }) => renderSourcePage(context, row, raw),
  );
}
