import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineName } from './engines.js';

export interface TestDatabase {
  /** Environment for the service: DATABASE_URL and DATA_DIR. */
  readonly env: Record<string, string>;
  readonly dataDir: string;
  /** The PostgreSQL schema this test works in (one per test database, dropped by the next run). */
  readonly schema: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, empty database on the engine: a temporary SQLite file, or a PostgreSQL schema. */
export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailbeacon-test-'));
  if (engine === 'sqlite') {
    return {
      env: { DATA_DIR: dataDir },
      dataDir,
      schema: undefined,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    dataDir,
    schema,
    // The schema stays until the next run of the suite drops every test schema at its start
    // (scripts/run-tests.mjs): dropping it now would race the catalog scans Kysely's migrator
    // makes in the test files running beside this one.
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
