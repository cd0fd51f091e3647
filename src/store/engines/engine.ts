import type { Dialect, Kysely, Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { HitLog } from '../hit-log.js';
import type { AcquireLease } from '../lease.js';
import type { NotificationChanges } from '../notification-changes.js';

/**
 * What differs between the database engines, asked by capability rather than by name, so the
 * rest of the store never branches on `engine === 'sqlite'`.
 */
export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  readonly dialect: Dialect;
  /** `FOR UPDATE SKIP LOCKED`: several nodes claim jobs from one table without collisions. */
  readonly supportsSkipLocked: boolean;
  /** One process owns the database (SQLite): whatever it left running when it died is orphaned. */
  readonly singleProcess: boolean;
  /**
   * The schema Kysely's migration tables belong in. Named, because Kysely looks for them in every
   * schema: a table of the same name elsewhere (another installation, another app) would be
   * taken for ours. Undefined where there are no schemas (SQLite).
   */
  // biome-ignore lint/suspicious/noExplicitAny: asked before the schema exists.
  migrationSchema(db: Kysely<any>): Promise<string | undefined>;
  /** Waits for a lease: work one node at a time does (see lease.ts). */
  readonly acquireLease: AcquireLease;
  /** Runs after the connection opens and before migrations (pragmas, schema creation). */
  prepare(): Promise<void>;
  /**
   * The hit log (DESIGN.md, "The hot path"): appended by the request path through one statement
   * prepared once, read and consumed by the processing stage. `db` is the store's Kysely
   * instance, for what the log records in the main database.
   */
  hitLog(db: Kysely<Database>): HitLog;
  /** How notification changes are sequenced and reach every node's live streams. */
  notificationChanges(db: Kysely<Database>): NotificationChanges;
  /**
   * A transaction for data derived from the hit log (events, counters, notifications), which
   * also consumes the hits it derives from. Unless `durable`, its commit does not wait for the
   * disk (PostgreSQL `SET LOCAL synchronous_commit = off`; SQLite on a connection opened for
   * derived writes, synchronous=NORMAL): a power cut may lose the last few, never part of one,
   * and whatever is lost is derived again from the log. A `durable` one carries every earlier
   * commit to the disk with it (docs/decisions.md, "Durable hits, derived data").
   */
  derivedTransaction<T>(
    db: Kysely<Database>,
    work: (trx: Transaction<Database>) => Promise<T>,
    durable?: boolean,
  ): Promise<T>;
}
