import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteStatement, sql } from 'kysely';
import { HIT_LOG_COLUMNS, type HitLogRow, hitLogValues } from '../hit-log.js';
import type { Engine } from './engine.js';

/** Distinct SQL texts kept prepared; the application issues a few hundred at most. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running a
 * small query. This keeps each SQL text's prepared statement, least recently used out first.
 * Safe because Kysely runs one statement at a time on its single connection.
 */
export function cachingPrepare(database: {
  prepare(sql: string): SQLite.Statement;
}): (sql: string) => SqliteStatement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = database.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement as unknown as SqliteStatement;
  };
}

const INSERT_HITS = `insert into hit_log (${HIT_LOG_COLUMNS.join(', ')}) values (${HIT_LOG_COLUMNS.map(() => '?').join(', ')}) on conflict (id) do nothing`;

export function sqliteEngine(file: string): Engine {
  if (file !== ':memory:') {
    // The file holds password hashes and recipients' data: private to the service's user.
    // SQLite gives the -wal and -shm files the database file's permissions.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const database = new SQLite(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes a committed transaction
  // survive a power cut, which the tracking path promises for every acknowledged hit.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const prepare = cachingPrepare(database);
  return {
    name: 'sqlite',
    supportsSkipLocked: false,
    singleProcess: true,
    dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } }),
    migrationSchema: async () => undefined,
    prepare: async () => {},
    // WAL with synchronous=NORMAL: the commit is ordered in the log but not fsynced; the next
    // FULL commit (every hit's) syncs it with everything before it. The setting is the
    // connection's, so it is set and restored while this caller holds the one connection.
    derivedTransaction: (db, work) =>
      db.connection().execute(async (connection) => {
        await sql`pragma synchronous = normal`.execute(connection);
        try {
          return await connection.transaction().execute(work);
        } finally {
          await sql`pragma synchronous = full`.execute(connection);
        }
      }),
    hitLogAppender: (db) => {
      // Prepared on first use: the table exists only once migrations have run.
      let appendAll: ((rows: readonly HitLogRow[]) => void) | undefined;
      return async (rows) => {
        // Borrowing Kysely's one connection waits for any transaction on it to end, so the hits
        // commit on their own, never inside (and never rolled back with) someone else's work.
        // One connection for every write: a second one would make either wait for the other's
        // lock in SQLite's busy handler, which sleeps the whole thread (docs/decisions.md).
        await db.connection().execute(async () => {
          if (!appendAll) {
            const insert = database.prepare(INSERT_HITS);
            appendAll = database.transaction((batch: readonly HitLogRow[]) => {
              for (const row of batch) insert.run(hitLogValues(row));
            });
          }
          appendAll(rows);
        });
      };
    },
  };
}
