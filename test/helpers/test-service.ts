import { loadConfig } from '../../src/config.js';
import { type RunningService, type ServiceOptions, startService } from '../../src/service.js';
import type { EngineName } from './engines.js';
import { type TestClock, testClock } from './test-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestService {
  readonly url: string;
  readonly service: RunningService;
  readonly database: TestDatabase;
  /** The service's clock: advance it to pass settle windows and retry delays. */
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** The real server, listening on a free loopback port, on a fresh database of the engine. */
export async function startTestService(
  engine: EngineName,
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<TestService> {
  const database = await createTestDatabase(engine);
  const running = await startServiceOn(database, env, options);
  return {
    ...running,
    close: async () => {
      await running.close();
      await database.drop();
    },
  };
}

/**
 * The real server on an existing test database: a restart sees what the last run left. Its
 * `close` stops the server only; the database stays for the next start (drop it yourself).
 */
export async function startServiceOn(
  database: TestDatabase,
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<TestService> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DEV_SMTP_PORT: '0',
      // Off unless a test asks (ServiceOptions.submission): no test takes the fixed 2587.
      SUBMISSION_PORT: '0',
      LOG_LEVEL: 'silent',
      ...database.env,
      ...env,
    },
    process.cwd(),
  );
  const clock = testClock();
  const service = await startService(config, {
    clock,
    ...options,
    postgres: database.schema ? { schema: database.schema, maxConnections: 4 } : undefined,
  });
  return {
    url: service.address,
    service,
    database,
    clock,
    close: () => service.close(),
  };
}
