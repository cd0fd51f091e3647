import {
  CamelCasePlugin,
  Kysely,
  type MigrationResultSet,
  Migrator,
  sql,
  type Transaction,
} from 'kysely';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './database.js';
import type { Engine } from './engines/engine.js';
import { type PostgresOptions, postgresEngine } from './engines/postgres.js';
import { sqliteEngine } from './engines/sqlite.js';
import type { HitLog } from './hit-log.js';
import type { AcquireLease } from './lease.js';
import { migrationProvider } from './migrations/index.js';
import type { NotificationChanges } from './notification-changes.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine['name'];
  readonly supportsSkipLocked: boolean;
  readonly singleProcess: boolean;
  /** Waits for a lease: work one node at a time does (see lease.ts). */
  readonly acquireLease: AcquireLease;
  /** The hit log: the hot path's one write, the processing stage's input. */
  readonly hitLog: HitLog;
  /** Change sequences for notifications, and their way to every node's live streams. */
  readonly notificationChanges: NotificationChanges;
  /** A transaction for data derived from the hit log: see Engine.derivedTransaction. */
  derivedTransaction<T>(
    work: (trx: Transaction<Database>) => Promise<T>,
    durable?: boolean,
  ): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Applies every pending migration; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface StoreOptions extends PostgresOptions {
  /**
   * This store writes only data derived from the hit log (the processing thread's): on SQLite its
   * commits do not wait for the disk unless asked to be durable (Engine.derivedTransaction).
   */
  readonly derivedWrites?: boolean;
}

export async function openStore(
  config: DatabaseConfig,
  options: StoreOptions = {},
): Promise<Store> {
  const engine =
    config.engine === 'sqlite'
      ? sqliteEngine(config.file, options.derivedWrites)
      : postgresEngine(config.url, config.poolSize, options);
  await engine.prepare();
  const db = new Kysely<Database>({ dialect: engine.dialect, plugins: [new CamelCasePlugin()] });
  let closing: Promise<void> | undefined;
  const hitLog = engine.hitLog(db);

  return {
    db,
    engine: engine.name,
    supportsSkipLocked: engine.supportsSkipLocked,
    singleProcess: engine.singleProcess,
    acquireLease: engine.acquireLease,
    hitLog,
    notificationChanges: engine.notificationChanges(db),
    derivedTransaction: (work, durable) => engine.derivedTransaction(db, work, durable),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    migrate: async () => {
      // Migrations name their tables and columns in snake_case themselves.
      const plain = db.withoutPlugins();
      const migrationTableSchema = await engine.migrationSchema(plain);
      const migrator = new Migrator({
        db: plain,
        provider: migrationProvider,
        ...(migrationTableSchema ? { migrationTableSchema } : {}),
      });
      const { error, results } = await migrateRetrying(migrator);
      if (error) throw error;
      await hitLog.adoptLegacy();
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    // Idempotent: a failed start-up and its caller may both close.
    close: () => {
      closing ??= (async () => {
        await hitLog.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}

/**
 * PostgreSQL errors a catalog scan meets when another session changes tables meanwhile (a column
 * or table gone between two reads, a deadlock on the catalog): Kysely's migrator looks for its
 * own tables by listing every table of the database, other schemas' too (undefined_column,
 * undefined_table, deadlock_detected; PostgreSQL's appendix A).
 */
const CONCURRENT_DDL = new Set(['42703', '42P01', '40P01']);
const MIGRATE_ATTEMPTS = 5;

/**
 * `migrateToLatest`, tried again (up to MIGRATE_ATTEMPTS times, 100 ms apart and more) when
 * another session's DDL broke its catalog scan; PostgreSQL runs each migration in a transaction,
 * so a failed try left nothing half done.
 */
export async function migrateRetrying(migrator: Migrator): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await migrator.migrateToLatest();
    const code = (outcome.error as { code?: unknown } | undefined)?.code;
    if (!outcome.error || attempt >= MIGRATE_ATTEMPTS || !CONCURRENT_DDL.has(String(code))) {
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}
