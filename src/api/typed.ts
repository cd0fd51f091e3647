import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

/**
 * The app as a route sees it: request types come from the route's TypeBox schemas. Each route
 * plugin hands it to one small function per route, which declares that route, schema beside it.
 */
export type Api = ReturnType<typeof typed>;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}
