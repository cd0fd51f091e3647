import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newNonce } from '../../html/index.js';
import type { AggregateMessage } from '../../store/index.js';
import { renderAggregatePage } from '../pages/index.js';
import { verifyToken } from '../tokens.js';
import { type HitContext, Page, pages, TokenParams, type TokenRequest, tags } from './context.js';
import { languageOf, sendNotFound, sendPage, sendPixel, sendUnavailable } from './responses.js';

/**
 * The message a shared-pixel token names: undefined for a token that is not ours (checked before
 * any database work) or names no message, null when the database cannot be asked.
 */
async function aggregateOf(
  app: FastifyInstance,
  hits: HitContext,
  request: TokenRequest,
): Promise<AggregateMessage | undefined | null> {
  const value = verifyToken(app.keyring, 'aggregate', request.params.token);
  if (!value) return undefined;
  try {
    return await hits.directory.aggregate(value.trackingId);
  } catch (error) {
    (request as FastifyRequest).log.error({ err: error }, 'aggregate pixel lookup failed');
    return null;
  }
}

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
      const message = await aggregateOf(app, hits, request);
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
  aboutPage(app, hits);
}

/** The page the mail's foot line links to: what the shared pixel counts. Records nothing. */
function aboutPage(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/a/:token/about',
    {
      schema: {
        tags,
        summary: 'What a message’s shared pixel counts (aggregate policy)',
        params: TokenParams,
        response: pages({ 200: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const message = await aggregateOf(app, hits, request);
      if (message === null) return sendUnavailable(request, reply);
      if (!message) return sendNotFound(request, reply);
      const page = renderAggregatePage({
        language: languageOf(request),
        nonce: newNonce(),
        workspaceName: message.workspaceName,
        subject: message.subject,
      });
      return sendPage(reply, page);
    },
  );
}
