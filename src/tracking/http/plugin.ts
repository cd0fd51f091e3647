import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newNonce } from '../../html/index.js';
import { DEFAULT_LANGUAGE } from '../../i18n/index.js';
import { renderNotFoundPage, renderUnavailablePage } from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
import { aggregateRoutes } from './aggregate-routes.js';
import { hitContext, type TrackingPluginOptions } from './context.js';
import { downloadRoutes } from './download-routes.js';
import { openClickRoutes } from './open-click-routes.js';
import { privacyRoutes } from './privacy-routes.js';
import { lazyRequestLogger } from './request-logger.js';
import { languageOf, sendNotFound, sendPage } from './responses.js';

export type { TrackingPluginOptions } from './context.js';

/**
 * Answers a request under TRACKING_PREFIX that failed before or inside a handler with a recipient's page,
 * never JSON: the "link not found" page with the error's 4xx status (a bad escape, a body the
 * button never sends), or, for our own faults, the calm "try again" page.
 */
export function sendTrackingError(
  error: Partial<FastifyError>,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  // A token longer than any of ours is simply not ours: the same 404 as a forged one.
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 404 : (error.statusCode ?? 500);
  if (status >= 400 && status < 500) {
    request.log.debug({ code: error.code, status }, 'tracking request refused');
    return sendPage(
      reply,
      renderNotFoundPage({ language: languageOf(request), nonce: newNonce() }),
      status,
    );
  }
  request.log.error({ err: error }, 'tracking request failed');
  const page = renderUnavailablePage({ language: languageOf(request), nonce: newNonce() });
  return sendPage(reply.header('retry-after', '30'), page, 503);
}

/**
 * The recipient's side, as its own encapsulated plugin (register it with `prefix: TRACKING_PREFIX`): no API
 * hook — authentication, sessions, rate limits, the API's JSON errors — runs here, so a hit does
 * only its own work. Each hit is answered once it is durable in the hit log (or the spool).
 */
export async function trackingRoutes(
  app: FastifyInstance,
  options: TrackingPluginOptions,
): Promise<void> {
  // Page buttons post small forms: at most a confirmation box (`confirm=yes`).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendTrackingError(error, request, reply),
  );
  app.setNotFoundHandler((request, reply) => sendNotFound(request, reply));
  app.setChildLoggerFactory(lazyRequestLogger);
  const hits = hitContext(app, options);
  openClickRoutes(app, hits);
  aggregateRoutes(app, hits);
  downloadRoutes(app, hits);
  privacyRoutes(app, hits, { ip: options.ipMode, days: options.retentionDays });
}

/**
 * The raw answer to a request Node's HTTP parser refused (a malformed header, a bad request
 * line, headers too large or too slow), as a whole HTTP/1.1 response: the recipient's page,
 * unless the bytes show a request line for a path outside TRACKING_PREFIX, which gets the API's JSON refusal
 * (undefined here). `rawPacket` is only the chunk the parser was reading when it failed, often
 * not the request line: what cannot be told is answered as a recipient would need, in HTML.
 * `status` is 408 for a request that took too long, else 400.
 */
export function trackingClientErrorResponse(
  rawPacket: Buffer | undefined,
  status: 400 | 408 = 400,
): string | undefined {
  const start =
    rawPacket
      ?.subarray(0, 512)
      .toString('latin1')
      .replace(/^[\r\n]+/, '') ?? '';
  const line = /^([A-Za-z]+) (?:[a-z]+:\/\/[^/\s]*)?(\/\S*)/.exec(start);
  const path = line?.[2]?.toLowerCase();
  if (path !== undefined && path !== TRACKING_PREFIX && !path.startsWith(`${TRACKING_PREFIX}/`)) {
    return undefined;
  }
  const page = renderNotFoundPage({ language: DEFAULT_LANGUAGE, nonce: newNonce() });
  const body = Buffer.from(page.html, 'utf8');
  return [
    status === 408 ? 'HTTP/1.1 408 Request Timeout' : 'HTTP/1.1 400 Bad Request',
    'Content-Type: text/html; charset=utf-8',
    `Content-Length: ${body.length}`,
    `Content-Security-Policy: ${page.csp}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    page.html,
  ].join('\r\n');
}
