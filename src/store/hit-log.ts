import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';
import type { EventType } from './events.js';

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

/** The oldest `limit` hits not yet processed, in log order. */
export function readHitLog(db: Db, limit: number): Promise<HitLogRow[]> {
  return db.selectFrom('hitLog').selectAll().orderBy('id').limit(limit).execute();
}

/**
 * Removes processed hits: called in the transaction that writes what they became, so a hit
 * leaves the log exactly when its events and counters are committed. Returns how many went.
 */
export async function deleteHits(db: Db, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  // Chunks stay under both engines' bound-parameter limits.
  for (let i = 0; i < ids.length; i += 500) {
    const result = await db
      .deleteFrom('hitLog')
      .where('id', 'in', ids.slice(i, i + 500))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
