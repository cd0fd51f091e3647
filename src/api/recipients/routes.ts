import type { FastifyInstance } from 'fastify';
import { eraseRecipient } from '../../privacy/index.js';
import { principalOf } from '../plugins/auth.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { Erasure, RecipientParams } from './schema.js';

/** Privacy requests about one recipient: admins only. */
export async function recipientRoutes(app: FastifyInstance): Promise<void> {
  erase(typed(app));
}

function erase(api: Api): void {
  api.delete(
    '/api/v1/recipients/:email',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary:
          'Erase a recipient: their events, the personal data of their copies, chat lines and notifications naming them; anonymous counts and their opt-out stay',
        params: RecipientParams,
        response: responses({ 200: Erasure }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      const erased = await eraseRecipient(
        { db: api.store.db, hitLog: api.store.hitLog, now: Date.now },
        workspaceId,
        request.params.email,
      );
      api.metrics.recipientErasures.inc();
      request.log.info({ workspaceId, erased }, 'recipient erased');
      return { erased };
    },
  );
}
