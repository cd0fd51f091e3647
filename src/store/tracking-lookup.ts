import { sql } from 'kysely';
import type { Db } from './database.js';
import type { NewEventRow } from './events.js';

/** What a hit needs to know about the copy its token names, found in one query. */
export interface TrackedCopy {
  readonly recipientId: string;
  readonly messageId: string;
  readonly workspaceId: string;
  readonly trackingId: string;
  readonly email: string;
  readonly name: string | null;
  readonly subject: string;
  readonly fromEmail: string | null;
  readonly fromName: string | null;
  readonly language: string;
  readonly sentAt: number | null;
  readonly workspaceName: string;
}

function trackedCopies(db: Db) {
  return db
    .selectFrom('recipients')
    .innerJoin('messages', 'messages.id', 'recipients.messageId')
    .innerJoin('workspaces', 'workspaces.id', 'recipients.workspaceId')
    .select([
      'recipients.id as recipientId',
      'recipients.messageId',
      'recipients.workspaceId',
      'recipients.trackingId',
      'recipients.email',
      'recipients.name',
      'messages.subject',
      'messages.fromEmail',
      'messages.fromName',
      'messages.language',
      'messages.sentAt',
      'workspaces.name as workspaceName',
    ])
    .where('recipients.trackingId', 'is not', null);
}

export async function findTrackedCopy(
  db: Db,
  trackingId: string,
): Promise<TrackedCopy | undefined> {
  const row = await trackedCopies(db)
    .where('recipients.trackingId', '=', trackingId)
    .executeTakeFirst();
  return row as TrackedCopy | undefined;
}

/** Copies of messages sent since `since`, newest first: what the hit cache starts with. */
export async function listRecentTrackedCopies(
  db: Db,
  since: number,
  limit: number,
): Promise<TrackedCopy[]> {
  const rows = await trackedCopies(db)
    .where('messages.sentAt', '>=', since)
    .orderBy('messages.sentAt', 'desc')
    .limit(limit)
    .execute();
  return rows as TrackedCopy[];
}

/**
 * What the processing stage needs about the recipients of a batch of hits: address (a copy to a
 * workspace member is the team's own), opt-out, whether any open is counted yet, and when the
 * copy was accepted by its server (null while unknown).
 */
export function recipientsForHits(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('recipients')
    .innerJoin('copies', 'copies.id', 'recipients.copyId')
    .select([
      'recipients.id',
      'recipients.email',
      'recipients.workspaceId',
      'recipients.opens',
      'recipients.machineOpens',
      'recipients.optedOutAt',
      'copies.sentAt as deliveredAt',
    ])
    .where('recipients.id', 'in', ids)
    .execute();
}

/** Rows per INSERT: one statement per chunk, well under both engines' parameter limits. */
const INSERT_CHUNK = 200;

export async function insertEventRows(db: Db, rows: readonly NewEventRow[]): Promise<void> {
  // Every row names every column, so the rows of a chunk share one statement.
  const complete = rows.map((row) => ({
    linkIdx: null,
    attachmentId: null,
    ip: null,
    userAgent: null,
    client: null,
    reason: null,
    details: null,
    ...row,
  }));
  for (let i = 0; i < complete.length; i += INSERT_CHUNK) {
    // A spooled event replayed twice is written once.
    await db
      .insertInto('events')
      .values(complete.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** Changes to one recipient's counters; negative where a relabel moved an event away. */
export interface CounterDelta {
  opens: number;
  clicks: number;
  downloads: number;
  machineOpens: number;
  machineClicks: number;
  machineDownloads: number;
  /** Epoch ms of the newest event, or 0 for none. */
  lastEventAt: number;
}

export async function addToRecipientCounters(
  db: Db,
  recipientId: string,
  add: CounterDelta,
): Promise<void> {
  await db
    .updateTable('recipients')
    .set((eb) => ({
      opens: eb('opens', '+', add.opens),
      clicks: eb('clicks', '+', add.clicks),
      downloads: eb('downloads', '+', add.downloads),
      machineOpens: eb('machineOpens', '+', add.machineOpens),
      machineClicks: eb('machineClicks', '+', add.machineClicks),
      machineDownloads: eb('machineDownloads', '+', add.machineDownloads),
      lastEventAt: sql<number>`case when last_event_at is null or last_event_at < ${add.lastEventAt} then ${add.lastEventAt} else last_event_at end`,
    }))
    .where('id', '=', recipientId)
    .execute();
}

/** Marks every copy the workspace sent to this address as opted out (mail already sent too). */
export async function markOptedOut(
  db: Db,
  workspaceId: string,
  email: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('recipients')
    .set({ optedOutAt: at })
    .where('workspaceId', '=', workspaceId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('optedOutAt', 'is', null)
    .execute();
}

export async function findRecipientOptOut(db: Db, recipientId: string): Promise<number | null> {
  const row = await db
    .selectFrom('recipients')
    .select('optedOutAt')
    .where('id', '=', recipientId)
    .executeTakeFirst();
  return row?.optedOutAt ?? null;
}

export function findMessageLink(db: Db, messageId: string, idx: number) {
  return db
    .selectFrom('messageLinks')
    .select('url')
    .where('messageId', '=', messageId)
    .where('idx', '=', idx)
    .executeTakeFirst();
}

/**
 * A copy's latest recorded hits (inferred opens left out) since `since`, oldest first: a
 * classifier's history. At most `limit` of them, so a copy under a flood of hits costs the same
 * per hit as any other.
 */
export async function listRecentHits(db: Db, recipientId: string, since: number, limit = 100) {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'at', 'linkIdx', 'ip', 'userAgent', 'classification', 'reason'])
    .where('recipientId', '=', recipientId)
    .where('at', '>=', since)
    .where('inferred', '=', 0)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/**
 * A later hit showed what an earlier one was: the event's label changes, if it still has the
 * label `from`. Returns the event's type when it changed (its counters move), else undefined.
 */
export async function relabelEvent(
  db: Db,
  eventId: string,
  from: NewEventRow['classification'],
  to: NewEventRow['classification'],
  reason: string | null,
): Promise<NewEventRow['type'] | undefined> {
  const row = await db
    .updateTable('events')
    .set({ classification: to, reason })
    .where('id', '=', eventId)
    .where('classification', '=', from ?? 'human')
    .returning('type')
    .executeTakeFirst();
  return row?.type;
}
