import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

export type EventType = 'open' | 'click' | 'download' | 'expired_access' | 'opt_out';
export type Classification = 'human' | 'proxy' | 'machine' | 'self';

/** A recorded hit on a tracking URL (or an inferred one), attributed to one recipient copy. */
export interface EventTable {
  id: string;
  workspaceId: string;
  messageId: string;
  recipientId: string;
  type: EventType;
  at: number;
  linkIdx: number | null;
  attachmentId: string | null;
  /** As TRACKING_IP allows: anonymised (default), full, or null. */
  ip: string | null;
  userAgent: string | null;
  /** JSON: the parsed client (browser, os, device). */
  client: string | null;
  method: string;
  classification: Classification;
  reason: string | null;
  inferred: number;
  /** JSON: what the hit carried that a classifier reads (Accept, Sec-Purpose, Referer…). */
  details: string | null;
}
export type EventRow = Selectable<EventTable>;
export type NewEventRow = Insertable<EventTable>;

export function listMessageEvents(
  db: Db,
  messageId: string,
  limit: number,
  after?: string,
): Promise<EventRow[]> {
  let query = db
    .selectFrom('events')
    .selectAll()
    .where('messageId', '=', messageId)
    .orderBy('id')
    .limit(limit);
  if (after) query = query.where('id', '>', after);
  return query.execute();
}
