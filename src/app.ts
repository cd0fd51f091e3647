import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { devInboxRoutes } from './api/dev-inbox/routes.js';
import { type ApiOptions, registerApi, type Services, servicesPlugin } from './api/index.js';
import { webAppRoutes } from './api/web-app/routes.js';
import { type TrackingPluginOptions, trackingRoutes } from './tracking/index.js';

export interface AppParts extends Services {
  readonly logger: FastifyBaseLogger;
  readonly tracking: TrackingPluginOptions;
  /** The dev inbox's SMTP port, shown on its page; with `devInbox` only. */
  readonly devSmtpPort?: number;
  /** Overrides for tests; production uses the defaults. */
  readonly options?: Partial<ApiOptions>;
}

const DEFAULT_OPTIONS: ApiOptions = {
  loginAttempts: { max: 10, windowMs: 60_000 },
  sseHeartbeatMs: 25_000,
};

export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config } = parts;
  const app = Fastify({
    loggerInstance: parts.logger,
    trustProxy:
      config.trustProxy === true
        ? true
        : config.trustProxy === false
          ? false
          : [...config.trustProxy],
    bodyLimit: 2 * 1024 * 1024,
    // One line per request would double the tracking path's cost; faults are logged where
    // they happen, and /metrics counts every request.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  await app.register(servicesPlugin, parts);
  await registerApi(app, { ...DEFAULT_OPTIONS, ...parts.options });
  await app.register(trackingRoutes, parts.tracking);
  if (parts.devInbox) {
    await app.register(devInboxRoutes, { inbox: parts.devInbox, smtpPort: parts.devSmtpPort });
  }
  // Last: the app's own addresses, each listed by name, shadow nothing above.
  await app.register(webAppRoutes, {
    root: fileURLToPath(new URL('../web/dist', import.meta.url)),
  });
  return app;
}
