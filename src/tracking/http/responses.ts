import type { FastifyReply, FastifyRequest } from 'fastify';
import { newNonce } from '../../html/index.js';
import { type Language, negotiateLanguage } from '../../i18n/index.js';
import { type RenderedPage, renderNotFoundPage, renderUnavailablePage } from '../pages/index.js';

/** The 1×1 transparent GIF every open is answered with. */
export const PIXEL = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);

export const NO_STORE = 'no-store, no-cache, must-revalidate, private';

/** Answers an open with the pixel, never cached: every open of the mail asks again. */
export function sendPixel(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-type', 'image/gif')
    .header('cache-control', NO_STORE)
    .header('pragma', 'no-cache')
    .header('expires', '0')
    .send(PIXEL);
}

export function languageOf(request: FastifyRequest): Language {
  return negotiateLanguage(request.headers['accept-language']);
}

/** Sends a recipient page with its CSP; tokens stay out of referrers and caches. */
export function sendPage(reply: FastifyReply, page: RenderedPage, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', page.csp)
    .header('cache-control', NO_STORE)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .send(page.html);
}

/** Unknown, forged, truncated or tampered token: 404, the same calm page whatever the cause. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendPage(
    reply,
    renderNotFoundPage({ language: languageOf(request), nonce: newNonce() }),
    404,
  );
}

/** The database is away and the answer needs it: a calm 503 the recipient can retry. */
export function sendUnavailable(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = renderUnavailablePage({ language: languageOf(request), nonce: newNonce() });
  return sendPage(reply.header('retry-after', '30'), page, 503);
}
