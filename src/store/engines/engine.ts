import type { Dialect, Kysely, Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { HitLogRow } from '../hit-log.js';

/** Appends hits to the hit log in one durable transaction; resolves once it is committed. */
export type HitLogAppender = (rows: readonly HitLogRow[]) => Promise<void>;

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
  /** Runs after the connection opens and before migrations (pragmas, schema creation). */
  prepare(): Promise<void>;
  /**
   * The hot path's one write, below the query builder: one statement prepared once and reused
   * for every hit (DESIGN.md, "The hot path"). `db` is the store's Kysely instance, whose one
   * connection the SQLite appender borrows between other callers' transactions.
   */
  hitLogAppender(db: Kysely<Database>): HitLogAppender;
  /**
   * A transaction for data derived from the hit log (events, counters, notifications): its
   * commit does not wait for the disk. A power cut may lose the last few such transactions —
   * never part of one, and never one that a later durable commit (a hit's) already carried to
   * disk —, and whatever is lost is derived again: the hits a lost batch consumed are still in
   * the log (docs/decisions.md, "Durable hits, derived data without an fsync each").
   */
  derivedTransaction<T>(
    db: Kysely<Database>,
    work: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T>;
}
