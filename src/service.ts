import type { FastifyInstance } from 'fastify';
import { type AppParts, buildApp } from './app.js';
import type { Config } from './config.js';
import { createKeyring, loadSecrets } from './keyring/index.js';
import type { PostgresOptions } from './store/engines/postgres.js';
import { openStore, type Store } from './store/index.js';

export interface RunningService {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000 */
  readonly address: string;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly postgres?: PostgresOptions;
  readonly app?: AppParts['options'];
}

/** Opens the store, migrates it, and serves: what `mailbeacon serve` runs, and what tests start. */
export async function startService(
  config: Config,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const store = await openStore(config.database, options.postgres);
  try {
    await store.migrate();
    const keyring = createKeyring(await loadSecrets(config, store));
    const app = await buildApp({ config, store, keyring, options: options.app });
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      app,
      store,
      address,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
