import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import type {
  FollowOptions,
  NotificationChanges,
  NotificationFollower,
} from '../notification-changes.js';
import { lastNotificationSequence, withNotificationSequences } from '../notification-sequence.js';
import {
  listAllNotificationsChangedAfter,
  listNotificationsBySequence,
  type NotificationRow,
} from '../notifications.js';

/**
 * Sequences per NOTIFY: PostgreSQL refuses a payload of 8,000 bytes or more, and a sequence is
 * 26 characters and a comma. A transaction changing more notifications sends several, which
 * arrive together at its commit.
 */
const SEQUENCES_PER_NOTIFY = 250;
/** Rows read per query when a follower catches up after a lost connection. */
const CATCH_UP_ROWS = 500;
const MAX_RETRY_MS = 5_000;

/**
 * The channel of the installation in the connection's schema: NOTIFY reaches every session of
 * the database, whatever its schema. PostgreSQL cuts names at 63 bytes, so a long schema name
 * is replaced by its hash.
 */
async function channelOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const name = `mailbeacon_notifications_${schema}`;
  return Buffer.byteLength(name) <= 63
    ? name
    : `mailbeacon_notifications_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/**
 * Notification changes across nodes over PostgreSQL's LISTEN/NOTIFY, on a channel named after
 * the schema (channelOf). A writing transaction sends one NOTIFY
 * carrying the change sequences it took (the notifications' change ids, what live streams resume
 * from), delivered at commit and never if it rolls back. Each node follows on a connection of its
 * own (`connection`) and reads the rows through `db`.
 */
export function postgresNotificationChanges(
  db: Kysely<Database>,
  connection: pg.ClientConfig,
): NotificationChanges {
  let channel: Promise<string> | undefined;
  const named = () => {
    channel ??= channelOf(db).catch((error) => {
      channel = undefined;
      throw error;
    });
    return channel;
  };
  return {
    write: async (trx, work, now = Date.now()) => {
      const { result, taken } = await withNotificationSequences(trx, now, work);
      for (let i = 0; i < taken.length; i += SEQUENCES_PER_NOTIFY) {
        const payload = taken.slice(i, i + SEQUENCES_PER_NOTIFY).join(',');
        await sql`select pg_notify(${await named()}, ${payload})`.execute(trx);
      }
      return result;
    },
    follow: (options) => follow(db, connection, named, options),
  };
}

/**
 * Listens on `channel` and hands on the changes announced there, in sequence order, each once.
 * Changes commit in sequence order (withNotificationSequences), so one mark — the last sequence
 * handed on — tells what is new. On a lost connection it reconnects (backing off from
 * `retryMs` to 5 s), listens again, and first reads every notification changed after the mark:
 * what was committed while nobody listened arrives late, never lost and never twice.
 */
function follow(
  db: Kysely<Database>,
  connection: pg.ClientConfig,
  named: () => Promise<string>,
  options: FollowOptions,
): NotificationFollower {
  const stopping = new AbortController();
  let client: pg.Client | undefined;
  let mark: string | undefined;
  // Announcements and catch-ups run one after another, in arrival order.
  let queue: Promise<void> = Promise.resolve();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const hand = (rows: readonly NotificationRow[]) => {
    const fresh = rows.filter((row) => mark === undefined || row.seq > mark);
    if (fresh.length === 0) return;
    mark = fresh.at(-1)!.seq;
    options.onChanges(fresh);
  };
  const announced = async (payload: string) => {
    const seqs = payload.split(',').filter((seq) => mark === undefined || seq > mark);
    hand(await listNotificationsBySequence(db, seqs));
  };
  const catchUp = async () => {
    if (mark === undefined) {
      mark = await lastNotificationSequence(db);
      return;
    }
    for (;;) {
      const rows = await listAllNotificationsChangedAfter(db, mark, CATCH_UP_ROWS);
      hand(rows);
      if (rows.length < CATCH_UP_ROWS) return;
    }
  };
  // A read that failed may have lost an announcement: start over on a new connection, which
  // catches up from the mark.
  const run = (step: () => Promise<void>, on: pg.Client) => {
    queue = queue.then(step).catch((error) => {
      options.onError?.(error);
      on.end().catch(() => {});
    });
  };

  const loop = async () => {
    let retryMs = options.retryMs ?? 100;
    while (!stopping.signal.aborted) {
      const current = new pg.Client({ ...connection, keepAlive: true });
      client = current;
      let isEnded = false;
      const ended = new Promise<void>((resolve) => {
        current.once('end', resolve);
        current.on('error', (error) => {
          options.onError?.(error);
          resolve();
        });
      }).then(() => {
        isEnded = true;
      });
      try {
        const channel = await named();
        await current.connect();
        current.on('notification', (message) => {
          if (message.channel === channel) run(() => announced(message.payload ?? ''), current);
        });
        await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        run(catchUp, current);
        await queue;
        if (!isEnded) {
          markReady();
          retryMs = options.retryMs ?? 100;
        }
        await ended;
      } catch (error) {
        options.onError?.(error);
      }
      await current.end().catch(() => {});
      client = undefined;
      await sleep(retryMs, undefined, { signal: stopping.signal }).catch(() => {});
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  const looping = loop();

  return {
    ready,
    backendPid: () => (client as (pg.Client & { processID?: number }) | undefined)?.processID,
    stop: async () => {
      stopping.abort();
      await client?.end().catch(() => {});
      await looping;
      await queue;
    },
  };
}
