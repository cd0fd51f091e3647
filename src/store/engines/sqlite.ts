import type SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteStatement } from 'kysely';
import type { Engine } from './engine.js';
import { openSqliteFile } from './sqlite-file.js';
import { hitLogFileOf, sqliteHitLog } from './sqlite-hit-log.js';

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

export function sqliteEngine(file: string): Engine {
  const database = openSqliteFile(file);
  const prepare = cachingPrepare(database);
  return {
    name: 'sqlite',
    supportsSkipLocked: false,
    singleProcess: true,
    dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } }),
    migrationSchema: async () => undefined,
    prepare: async () => {},
    // The hit log lives in its own file (sqliteHitLog), so the derived data's transactions are
    // the only ones this file's processing writes: each is durable (FULL), which lets the hit
    // log's writer prune what the committed position covers.
    derivedTransaction: (db, work) => db.transaction().execute(work),
    hitLog: (db) => sqliteHitLog(hitLogFileOf(file), db),
  };
}
