import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, safeContentType } from '../../attachments/index.js';
import { type MailCache, type MailPart, prepareBody } from '../../dev-inbox/index.js';
import { MailbeaconError } from '../../errors.js';
import { responses } from '../schemas.js';
import type { Api } from '../typed.js';
import { renderTextBody } from './mail-page.js';
import { BODY_CSP, encodePathSegment, PART_CSP } from './part-headers.js';
import { config, notFound, tags, workspaceOf } from './route-basics.js';
import { AttachmentParams, Bytes, HtmlPage, InlinePartParams, MailParams } from './schema.js';

/** A mail's parts, each its own response: the body for the page's frame, inline parts, files. */
export function partRoutes(api: Api, mails: MailCache): void {
  bodyFrame(api, mails);
  inlinePart(api, mails);
  attachment(api, mails);
}

async function openOrFail(mails: MailCache, request: FastifyRequest, id: string) {
  const mail = await mails.open(workspaceOf(request), id);
  if (!mail) throw notFound();
  return mail;
}

/**
 * A part of a mail as its own response, on the app's origin, so it must never be anything the
 * app's CSP would run: an attachment goes as application/octet-stream to be saved (whatever the
 * sender declared: application/javascript would otherwise be a script `script-src 'self'`
 * allows), an inline part keeps its type only when it is an image (what `cid:` serves);
 * `nosniff` (the plugin's hook) keeps browsers from guessing otherwise, and the sandboxing
 * policy keeps a part opened on its own from running or reaching a cookie.
 */
function sendPart(reply: FastifyReply, kind: 'inline' | 'attachment', part: MailPart) {
  const type = safeContentType(part.contentType);
  const shownAs =
    kind === 'inline' && type.startsWith('image/') ? type : 'application/octet-stream';
  return reply
    .type(shownAs)
    .header('content-disposition', contentDisposition(kind, part.filename))
    .header('content-security-policy', PART_CSP)
    .header('cache-control', 'private, max-age=3600')
    .send(part.content);
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
      const mail = await openOrFail(mails, request, id);
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
      const mail = await openOrFail(mails, request, request.params.id);
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
      const mail = await openOrFail(mails, request, request.params.id);
      const file = mail.attachment(request.params.index);
      if (!file) throw new MailbeaconError('MB_ERR_NOT_FOUND', 'The mail has no such attachment');
      return sendPart(reply, 'attachment', file);
    },
  );
}
