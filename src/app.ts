import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { type ApiOptions, registerApi, servicesPlugin } from './api/index.js';
import type { Config } from './config.js';
import type { Keyring } from './keyring/index.js';
import type { Store } from './store/index.js';

export interface AppParts {
  readonly config: Config;
  readonly store: Store;
  readonly keyring: Keyring;
  /** Overrides for tests; production uses the defaults. */
  readonly options?: Partial<ApiOptions>;
}

const DEFAULT_OPTIONS: ApiOptions = { loginAttempts: { max: 10, windowMs: 60_000 } };

export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config } = parts;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Credentials must never reach a log line.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
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
  return app;
}
