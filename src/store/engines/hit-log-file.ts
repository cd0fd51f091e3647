import type SQLite from 'better-sqlite3';
import { HIT_LOG_COLUMNS, type HitLogRow, hitLogValues } from '../hit-log.js';
import { openSqliteFile } from './sqlite-file.js';

// AUTOINCREMENT: a plain rowid starts again at 1 once pruning empties the table, and new hits
// would fall behind the consumed position.
const CREATE = `create table if not exists hits (
  seq integer primary key autoincrement,
  id text not null unique,
  at integer not null,
  workspace_id text not null,
  message_id text not null,
  recipient_id text not null,
  type text not null,
  link_idx integer,
  attachment_id text,
  method text not null,
  ip text,
  user_agent text,
  headers text,
  sender_session integer not null default 0
)`;
const INSERT = `insert into hits (${HIT_LOG_COLUMNS.join(', ')}) values (${HIT_LOG_COLUMNS.map(() => '?').join(', ')}) on conflict (id) do nothing`;

/** Opens (creating it) the SQLite file that holds the hit log, as every connection to it needs. */
export function openHitLogFile(file: string): SQLite.Database {
  const connection = openSqliteFile(file);
  connection.exec(CREATE);
  return connection;
}

/**
 * The writer's one statement pair, in one transaction: append any number of hits, then remove
 * what the processing stage consumed durably. Under load a prune so shares the appends' fsync
 * instead of committing on its own while appends wait behind it.
 */
export function hitLogWrites(connection: SQLite.Database) {
  const insert = connection.prepare(INSERT);
  const prune = connection.prepare<[number]>('delete from hits where seq <= ?');
  const purge = connection.prepare<[number]>('delete from hits where at < ?');
  return {
    /** Removes every hit older than `before` (epoch ms), consumed or not; returns how many. */
    purgeBefore: (before: number): number => purge.run(before).changes,
    /** Removes every hit of these recipients, consumed or not; returns how many. */
    forget: connection.transaction((recipientIds: readonly string[]): number => {
      let removed = 0;
      for (let i = 0; i < recipientIds.length; i += 500) {
        const ids = recipientIds.slice(i, i + 500);
        removed += connection
          .prepare(`delete from hits where recipient_id in (${ids.map(() => '?').join(', ')})`)
          .run(...ids).changes;
      }
      return removed;
    }),
    /** Appends `rows`, then removes every hit up to `pruneUpTo` (0: none); returns how many went. */
    write: connection.transaction((rows: readonly HitLogRow[], pruneUpTo: number): number => {
      for (const row of rows) insert.run(hitLogValues(row));
      return pruneUpTo > 0 ? prune.run(pruneUpTo).changes : 0;
    }),
  };
}
