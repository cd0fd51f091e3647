import type SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteStatement, sql } from 'kysely';
import { Lru } from '../../lru.js';
import { soleLease } from '../lease.js';
import { localNotificationChanges } from '../notification-changes.js';
import type { Engine } from './engine.js';
import { openSqliteFile } from './sqlite-file.js';
import { hitLogFileOf, sqliteHitLog } from './sqlite-hit-log.js';

/** WAL pages between automatic checkpoints (SQLite's default is 1,000). */
const WAL_PAGES = 10_000;

/** Distinct SQL texts kept prepared; the application issues a few hundred at most. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running a
 * small query. This keeps each SQL text's prepared statement, least recently used out first.
 * Safe because Kysely runs one statement at a time on its single connection.
 *
 * Its transactions begin IMMEDIATE (Kysely sends a plain, deferred `begin`): a deferred
 * transaction that reads, then writes after another connection (the processing thread's) has
 * committed, fails at once with SQLITE_BUSY_SNAPSHOT, which the busy timeout does not cover —
 * an erasure under a stream of hits answered 503. Taking the write lock at the start waits
 * for it instead (busy_timeout).
 */
export function cachingPrepare(database: {
  prepare(sql: string): SQLite.Statement;
}): (sql: string) => SqliteStatement {
  const cache = new Lru<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = database.prepare(sql === 'begin' ? 'begin immediate' : sql);
      cache.set(sql, statement);
    }
    return statement as unknown as SqliteStatement;
  };
}

/**
 * `derivedWrites`: this connection writes only what is derived again from the durable hit log
 * (the processing thread's): its commits do not wait for the disk (synchronous=NORMAL; a power
 * cut may lose the last few, never part of one, and a process crash loses none).
 */
export function sqliteEngine(file: string, derivedWrites = false): Engine {
  const database = openSqliteFile(file);
  if (derivedWrites) database.pragma('synchronous = NORMAL');
  // The processing stage's batches touch many scattered index pages each; checkpointing every
  // 1,000 WAL pages (SQLite's default, ~4 MiB) made one commit in four copy the WAL back and
  // fsync, which halved the processing stage's throughput. A checkpoint every WAL_PAGES (up to
  // ~40 MiB of WAL) costs the same per page and happens a tenth as often. Every connection to
  // the file gets it, or the request thread's rare commit would run the checkpoint instead.
  database.pragma(`wal_autocheckpoint = ${WAL_PAGES}`);
  const prepare = cachingPrepare(database);
  return {
    name: 'sqlite',
    supportsSkipLocked: false,
    singleProcess: true,
    // One process owns a SQLite file: it holds every lease.
    acquireLease: soleLease,
    dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } }),
    migrationSchema: async () => undefined,
    prepare: async () => {},
    // The hit log lives in its own file (sqliteHitLog), so the derived data's transactions are
    // the only ones this file's processing writes: each is durable (FULL), which lets the hit
    // log's writer prune what the committed position covers.
    // A durable one commits with FULL, which also carries every earlier commit to the disk (the
    // WAL is written in order): what the hit log's writer may prune is known durable then.
    derivedTransaction: (db, work, durable) =>
      durable && derivedWrites
        ? db.connection().execute(async (connection) => {
            await sql`pragma synchronous = full`.execute(connection);
            try {
              return await connection.transaction().execute(work);
            } finally {
              await sql`pragma synchronous = normal`.execute(connection);
            }
          })
        : db.transaction().execute(work),
    hitLog: (db) => sqliteHitLog(hitLogFileOf(file), db),
    notificationChanges: () => localNotificationChanges,
  };
}
