import type { Insertable, Selectable } from 'kysely';
import type { EventType } from '../vocabulary.js';
import { countInChunks, deleteInBatches } from './batches.js';
import type { Db } from './database.js';
import { idTimePrefix } from './ids.js';

/**
 * One raw tracking hit, as the request path appended it: what happened, to which recipient copy,
 * and what the request showed that the processing stage reads. Nothing here is derived.
 */
export interface HitLogTable {
  /** The id of the event this hit becomes: time-ordered (newId), so the log reads in order. */
  id: string;
  /** Epoch ms, when the hit was answered. */
  at: number;
  workspaceId: string;
  messageId: string;
  /** The recipient copy hit; the empty string for a message's shared pixel (`aggregate`), which names no one. */
  recipientId: string;
  type: EventType;
  linkIdx: number | null;
  attachmentId: string | null;
  method: string;
  /** As TRACKING_IP keeps it: anonymised (IPv4 /24, IPv6 /48) by default, full, or null. */
  ip: string | null;
  userAgent: string | null;
  /** JSON object of the request headers the classifier reads (HitHeaders), or null. */
  headers: string | null;
  /** 1 when the request carried a session cookie of a user of the sending workspace. */
  senderSession: number;
}
export type HitLogRow = Selectable<HitLogTable>;

export type NewHitLogRow = Insertable<HitLogTable>;

/** The columns in the order the engines' append statements bind them. */
export const HIT_LOG_COLUMNS = [
  'id',
  'at',
  'workspace_id',
  'message_id',
  'recipient_id',
  'type',
  'link_idx',
  'attachment_id',
  'method',
  'ip',
  'user_agent',
  'headers',
  'sender_session',
] as const;

/** A hit's values in HIT_LOG_COLUMNS order. */
export function hitLogValues(row: HitLogRow): unknown[] {
  return [
    row.id,
    row.at,
    row.workspaceId,
    row.messageId,
    row.recipientId,
    row.type,
    row.linkIdx,
    row.attachmentId,
    row.method,
    row.ip,
    row.userAgent,
    row.headers,
    row.senderSession,
  ];
}

/** The hit log's column types, in HIT_LOG_COLUMNS order, for one `unnest` of arrays. */
const HIT_LOG_TYPES = [
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'integer',
  'text',
  'text',
  'text',
  'text',
  'text',
  'integer',
] as const;

/**
 * One statement for any number of hits (an array per column), so it is prepared once per
 * connection under its name and reused, whatever the batch size.
 */
const POSTGRES_APPEND_HITS = {
  name: 'mailbeacon_append_hits',
  text: `insert into hit_log (${HIT_LOG_COLUMNS.join(', ')}) select * from unnest(${HIT_LOG_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) on conflict (id) do nothing`,
};

/**
 * The PostgreSQL append of `rows` to the hit_log table as one named statement with an array per
 * column (the pool runs it: a Kysely query would be unnamed, parsed and planned on every commit).
 */
export function postgresAppendHits(rows: readonly HitLogRow[]): {
  name: string;
  text: string;
  values: unknown[][];
} {
  const columns: unknown[][] = HIT_LOG_COLUMNS.map(() => []);
  for (const row of rows) {
    hitLogValues(row).forEach((value, i) => {
      columns[i]!.push(value);
    });
  }
  return { ...POSTGRES_APPEND_HITS, values: columns };
}

/** A hit as the processing stage reads it: the row, and its place in the log (SQLite's file). */
export interface LoggedHit extends HitLogRow {
  /** Append order in the SQLite hit log file; 0 on PostgreSQL, whose log is read by id. */
  readonly seq: number;
}

/** The highest `seq` among `hits` (0 for none): how far consuming them takes the log. */
export function lastSeqOf(hits: readonly LoggedHit[]): number {
  return hits.reduce((max, hit) => Math.max(max, hit.seq), 0);
}

/**
 * The hit log: written by the request path, read in order by the processing stage, which marks
 * what it consumed in the transaction that writes what the hits became. Each engine keeps it
 * where its writes do not wait for the derived data's (docs/decisions.md, "The hit log's file").
 */
export interface HitLog {
  /** Appends raw hits in one durable transaction; resolves once they are committed. */
  append(rows: readonly HitLogRow[]): Promise<void>;
  /**
   * How many appends are worth having in flight at once: SQLite's one writer commits one
   * transaction at a time, so a second only waits (1); PostgreSQL commits several side by side.
   */
  readonly appendsAtOnce: number;
  /** The oldest `limit` hits not consumed yet, in log order. */
  read(limit: number): Promise<LoggedHit[]>;
  /** Marks `hits` consumed, inside the transaction `trx` that writes what they became. */
  consume(trx: Db, hits: readonly LoggedHit[]): Promise<void>;
  /** Tells the reader that the transaction which consumed `hits` committed. */
  consumed(hits: readonly LoggedHit[]): void;
  /**
   * Removes consumed hits up to `upTo` (a `seq` whose consumption is durable) from where they are
   * kept (the writer's side); returns how many.
   */
  prune(upTo: number): Promise<number>;
  /**
   * Removes the hits older than `before` (epoch ms), consumed or not: the retention purge. A hit
   * not consumed yet goes only once it is that old. Returns how many went.
   */
  purgeBefore(before: number): Promise<number>;
  /** Removes every hit of these recipients, consumed or not (an erasure); returns how many. */
  forgetRecipients(recipientIds: readonly string[]): Promise<number>;
  /** How many hits wait to be consumed. */
  pending(): Promise<number>;
  /** Moves hits an earlier version left in the main database into this log; returns how many. */
  adoptLegacy(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Removes processed hits from the main database's hit_log table: called in the transaction that
 * writes what they became, so a hit leaves the log exactly when its events and counters are
 * committed. Returns how many went.
 */
export function deleteHits(db: Db, ids: readonly string[]): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db.deleteFrom('hitLog').where('id', 'in', chunk).executeTakeFirst(),
  );
}

/**
 * Deletes the main database's hit_log rows older than `before` (epoch ms), consumed or not, a
 * batch per statement along the primary key: ids are time-ordered, so every such hit's id is
 * below the cut-off's. Returns how many went.
 */
export function purgeHitsBefore(db: Db, before: number): Promise<number> {
  const bound = idTimePrefix(before);
  return deleteInBatches(
    (limit) =>
      db
        .selectFrom('hitLog')
        .select('id')
        .where('id', '<', bound)
        .where('at', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute(),
    (ids) => db.deleteFrom('hitLog').where('id', 'in', ids).executeTakeFirst(),
  );
}

/** Deletes the main database's hit_log rows of these recipients (an erasure); returns how many. */
export function forgetHitsOf(db: Db, recipientIds: readonly string[]): Promise<number> {
  return countInChunks(recipientIds, (chunk) =>
    db.deleteFrom('hitLog').where('recipientId', 'in', chunk).executeTakeFirst(),
  );
}

/** A batch's hits were consumed by another node's transaction before this one's. */
export class HitsConsumedElsewhere extends Error {
  constructor(readonly missing: number) {
    super(`${missing} of the batch's hits were consumed by another node`);
    this.name = 'HitsConsumedElsewhere';
  }
}

/** The hit log in the main database's hit_log table, consumed by deleting (PostgreSQL). */
export function tableHitLog(db: Db, append: HitLog['append']): HitLog {
  return {
    append,
    appendsAtOnce: Number.POSITIVE_INFINITY,
    read: async (limit) => {
      const rows = await db.selectFrom('hitLog').selectAll().orderBy('id').limit(limit).execute();
      return rows.map((row) => ({ ...row, seq: 0 }));
    },
    consume: async (trx, hits) => {
      const deleted = await deleteHits(
        trx,
        hits.map((hit) => hit.id),
      );
      // Another node consumed some of them meanwhile (it took the processing lease while this
      // one's batch was in hand; the delete waited for its commit): this batch must not count
      // them again, so it rolls back whole.
      if (deleted !== hits.length) throw new HitsConsumedElsewhere(hits.length - deleted);
    },
    consumed: () => {},
    prune: async () => 0,
    purgeBefore: (before) => purgeHitsBefore(db, before),
    forgetRecipients: (recipientIds) => forgetHitsOf(db, recipientIds),
    pending: async () => {
      const row = await db
        .selectFrom('hitLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    adoptLegacy: async () => 0,
    close: async () => {},
  };
}
