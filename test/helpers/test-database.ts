import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EngineName } from './engines.js';

export interface TestDatabase {
  /** Environment for the service: DATABASE_URL and DATA_DIR. */
  readonly env: Record<string, string>;
  readonly dataDir: string;
  /** The PostgreSQL schema this test works in (one per test database, dropped afterwards). */
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
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
