import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { fail } from '../../errors.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';

const Status = Type.Object({ status: Type.Literal('ok') });
const READY_TIMEOUT_MS = 2000;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  liveness(api);
  readiness(api);
}

function liveness(api: Api): void {
  api.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: responses({ 200: Status }),
      },
    },
    async () => ({ status: 'ok' as const }),
  );
}

function readiness(api: Api): void {
  api.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'The database answers',
        response: responses({ 200: Status }),
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database ping timed out')), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([api.store.ping(), timeout]);
      } catch {
        fail('MB_ERR_DATABASE_UNAVAILABLE');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
}
