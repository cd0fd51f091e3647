import type { FastifyInstance } from 'fastify';
import { HONEYPOT_INDEX } from '../tokens.js';
import { type HitContext, Page, pages, TokenParams, type TokenRequest, tags } from './context.js';
import { NO_STORE, sendNotFound, sendPixel, sendUnavailable } from './responses.js';

/** The hot path: verify, one lookup (in memory once warm), append to the hit log, answer. */
export function openClickRoutes(app: FastifyInstance, hits: HitContext): void {
  openPixel(app, hits);
  click(app, hits);
}

function openPixel(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/o/:token',
    {
      schema: { tags, summary: 'Open pixel: a 1×1 GIF', params: TokenParams, hide: true },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.resolve('open', request.params.token, request);
      if (found === undefined) return sendNotFound(request, reply);
      // Without the database the pixel is still answered: an image must never break the mail.
      if (found) await hits.record(request, found.copy, 'open');
      else await hits.recordUnresolved(request, request.params.token, 'open');
      return sendPixel(reply);
    },
  );
}

function click(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/c/:token',
    {
      schema: {
        tags,
        summary: 'Click: 302 to the link as it was sent',
        params: TokenParams,
        response: pages({ 200: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.resolve('click', request.params.token, request);
      if (found === null) return sendUnavailable(request, reply);
      if (!found || found.index === undefined) return sendNotFound(request, reply);
      if (found.index === HONEYPOT_INDEX) {
        // No person sees this link: whatever follows it is a machine.
        await hits.record(request, found.copy, 'click', { linkIdx: found.index });
        return reply.status(204).header('cache-control', NO_STORE).send();
      }
      // Only what was stored at send time: nothing from the request picks the target.
      const url =
        hits.directory.cachedLink(found.copy.messageId, found.index) ??
        (await hits.directory.link(found.copy.messageId, found.index).catch(() => null));
      if (url === null) return sendUnavailable(request, reply);
      if (url === undefined) return sendNotFound(request, reply);
      await hits.record(request, found.copy, 'click', { linkIdx: found.index });
      return reply
        .status(302)
        .header('location', new URL(url).href)
        .header('cache-control', NO_STORE)
        .header('referrer-policy', 'no-referrer')
        .send();
    },
  );
}
