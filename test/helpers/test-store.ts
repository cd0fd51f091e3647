import { after, before } from 'node:test';
import { type Config, loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { EngineName } from './engines.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface OpenTestStoreOptions {
  /** Applies the migrations first (default: yes). */
  readonly migrate?: boolean;
  /** A store for data derived from the hit log, like the processing thread's. */
  readonly derivedWrites?: boolean;
}

/** The configuration a test service would load for this database (silent logs). */
export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Config {
  return loadConfig({ ...database.env, LOG_LEVEL: 'silent', ...env }, process.cwd());
}

/** A store on an existing test database: another connection to the same data. */
export async function openTestStore(
  database: TestDatabase,
  options: OpenTestStoreOptions = {},
): Promise<Store> {
  const store = await openStore(testConfig(database).database, {
    schema: database.schema,
    maxConnections: 4,
    derivedWrites: options.derivedWrites,
  });
  if (options.migrate ?? true) await store.migrate();
  return store;
}

export interface TestStore {
  readonly store: Store;
  readonly database: TestDatabase;
  /** Closes the store and drops the database. */
  close(): Promise<void>;
}

/** A migrated store on a fresh, empty database of the engine. */
export async function createTestStore(
  engine: EngineName,
  options: OpenTestStoreOptions = {},
): Promise<TestStore> {
  const database = await createTestDatabase(engine);
  const store = await openTestStore(database, options);
  return {
    store,
    database,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * A migrated store on a fresh database for the enclosing `describe`: opened before its tests,
 * closed and dropped after them. Read `store` and `database` inside hooks and tests only.
 */
export function useTestStore(engine: EngineName, options: OpenTestStoreOptions = {}): TestStore {
  let opened: TestStore | undefined;
  before(async () => {
    opened = await createTestStore(engine, options);
  });
  after(() => opened?.close());
  const current = () => {
    if (!opened) throw new Error('the test store is open in hooks and tests only');
    return opened;
  };
  return {
    get store() {
      return current().store;
    },
    get database() {
      return current().database;
    },
    close: () => current().close(),
  };
}
