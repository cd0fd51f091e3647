import type { FastifyInstance } from 'fastify';
import { verifyToken } from '../tokens.js';
import { type HitContext, TokenParams, type TokenRequest, tags } from './context.js';
import { sendNotFound, sendPixel } from './responses.js';

/**
 * A message's shared pixel (the `aggregate` policy): the same URL in every copy, so a hit says
 * that the message was opened, never by whom. It is logged like any hit — with no recipient —
 * and the processing stage only adds it to the message's open totals.
 */
export function aggregateRoutes(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/a/:token',
    {
      schema: {
        tags,
        summary: 'A message’s shared open pixel (aggregate policy): a 1×1 GIF',
        params: TokenParams,
        hide: true,
      },
    },
    async (request: TokenRequest, reply) => {
      const value = verifyToken(app.keyring, 'aggregate', request.params.token);
      if (!value) return sendNotFound(request, reply);
      let message: Awaited<ReturnType<HitContext['directory']['aggregate']>> | null;
      try {
        message = await hits.directory.aggregate(value.trackingId);
      } catch (error) {
        request.log.error({ err: error }, 'aggregate pixel lookup failed');
        message = null;
      }
      if (message === undefined) return sendNotFound(request, reply);
      // Without the database the pixel is still answered: an image must never break the mail.
      if (message) {
        await hits.record(
          request,
          { workspaceId: message.workspaceId, messageId: message.messageId, recipientId: '' },
          'open',
        );
      }
      return sendPixel(reply);
    },
  );
}
