import { CamelCasePlugin, Kysely, Migrator, sql } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './database.js';
import type { Engine } from './engines/engine.js';
import { type PostgresOptions, postgresEngine } from './engines/postgres.js';
import { sqliteEngine } from './engines/sqlite.js';
import { migrationProvider } from './migrations/index.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine['name'];
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Applies every pending migration; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openStore(
  config: DatabaseConfig,
  options: PostgresOptions = {},
): Promise<Store> {
  const engine =
    config.engine === 'sqlite' ? sqliteEngine(config.file) : postgresEngine(config.url, options);
  await engine.prepare();
  const db = new Kysely<Database>({ dialect: engine.dialect, plugins: [new CamelCasePlugin()] });

  return {
    db,
    engine: engine.name,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    migrate: async () => {
      // Migrations name their tables and columns in snake_case themselves.
      // Kysely looks for its migration tables in every schema; name ours, or a table of the
      // same name in another schema (another installation, another test) would be taken for it.
      const migrator = new Migrator({
        db: db.withoutPlugins(),
        provider: migrationProvider,
        ...(options.schema ? { migrationTableSchema: options.schema } : {}),
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: () => db.destroy(),
  };
}
