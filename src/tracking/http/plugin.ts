import type { FastifyInstance } from 'fastify';
import { hitContext, type TrackingPluginOptions } from './context.js';
import { downloadRoutes } from './download-routes.js';
import { openClickRoutes } from './open-click-routes.js';
import { privacyRoutes } from './privacy-routes.js';

export type { TrackingPluginOptions } from './context.js';

/**
 * The recipient's side: every hit is answered at once and recorded durably — the answer goes
 * out after its event is committed, or fsynced to the spool when the database fails.
 */
export async function trackingRoutes(
  app: FastifyInstance,
  options: TrackingPluginOptions,
): Promise<void> {
  // Page buttons post empty forms; their bodies carry nothing we read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, _body, done) => done(null, {}),
  );
  const hits = hitContext(app, options);
  openClickRoutes(app, hits);
  downloadRoutes(app, hits);
  privacyRoutes(app, hits);
}
