import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { type HitLog, type LoggedHit, lastSeqOf } from '../hit-log.js';
import { findHitLogPosition, saveHitLogPosition } from '../hit-log-position.js';
import { openHitLogFile } from './hit-log-file.js';
import { HitLogWriterThread } from './hit-log-writer-client.js';

/** The one row of hit_log_position this log keeps. */
const POSITION = 'hits';

const SELECT = `select seq, id, at, workspace_id as workspaceId, message_id as messageId,
  recipient_id as recipientId, type, link_idx as linkIdx, attachment_id as attachmentId, method,
  ip, user_agent as userAgent, headers, sender_session as senderSession
  from hits where seq > ? order by seq limit ?`;

/**
 * The file beside the main database that holds its hit log: `mailbeacon.db` → `mailbeacon.hits.db`.
 */
export function hitLogFileOf(databaseFile: string): string {
  return databaseFile.endsWith('.db')
    ? `${databaseFile.slice(0, -'.db'.length)}.hits.db`
    : `${databaseFile}.hits.db`;
}

/**
 * The hit log on SQLite, in a file of its own (docs/decisions.md, "The hit log's file"). SQLite
 * has one writer per file, and a writer that finds the file locked sleeps its whole thread in
 * the busy handler; so the request path's appends get a file no one else writes, and never wait
 * for the processing stage's transactions on the main database. The stage reads this file and
 * records how far it got in the main database (hit_log_position), in the transaction that writes
 * what the hits became; the writer's side prunes what that position covers once it is durable. Every thread opens
 * its own connection; only the writer's side appends and prunes.
 *
 * The appends go to a writer thread of its own (hit-log-writer-thread.ts), whose fsyncs the event
 * loop that answers hits never waits on; statements are prepared once per connection and reused.
 */
export function sqliteHitLog(file: string, db: Kysely<Database>): HitLog {
  /** Started on the first append: only the request path's side ever writes. */
  let writer: HitLogWriterThread | undefined;
  let closed = false;
  const write = () => {
    if (closed) throw new Error('the hit log is closed');
    writer ??= new HitLogWriterThread(file);
    return writer;
  };
  let reader:
    | {
        connection: SQLite.Database;
        select: SQLite.Statement<[number, number], LoggedHit>;
        count: SQLite.Statement<[number], { n: number }>;
      }
    | undefined;
  const read = () => {
    if (closed) throw new Error('the hit log is closed');
    if (reader) return reader;
    const connection = openHitLogFile(file);
    reader = {
      connection,
      select: connection.prepare(SELECT),
      count: connection.prepare('select count(*) as n from hits where seq > ?'),
    };
    return reader;
  };
  /** The last consumed seq as this reader knows it (committed), loaded on first read. */
  let position: number | undefined;
  const storedPosition = () => findHitLogPosition(db, POSITION);

  return {
    append: async (rows) => {
      await write().append(rows);
    },
    appendsAtOnce: 1,
    read: async (limit) => {
      position ??= await storedPosition();
      return read().select.all(position, limit);
    },
    consume: async (trx, hits) => {
      if (hits.length === 0) return;
      await saveHitLogPosition(trx, POSITION, lastSeqOf(hits));
    },
    consumed: (hits) => {
      position = Math.max(position ?? 0, lastSeqOf(hits));
    },
    prune: async (upTo) => write().prune(upTo),
    // Through the writer thread: no second connection ever writes the file.
    purgeBefore: async (before) => write().purgeBefore(before),
    forgetRecipients: async (recipientIds) =>
      recipientIds.length === 0 ? 0 : write().forget(recipientIds),
    pending: async () => read().count.get(await storedPosition())?.n ?? 0,
    adoptLegacy: async () => {
      const rows = await db.selectFrom('hitLog').selectAll().orderBy('id').execute();
      if (rows.length === 0) return 0;
      // Appended first, deleted after: a crash between the two appends them again, and the
      // log's unique id keeps each once.
      await write().append(rows);
      await db.deleteFrom('hitLog').execute();
      return rows.length;
    },
    close: async () => {
      closed = true;
      reader?.connection.close();
      reader = undefined;
      await writer?.close();
      writer = undefined;
    },
  };
}
