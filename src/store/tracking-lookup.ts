import { sql } from 'kysely';
import type { Db } from './database.js';
import type { EventRow, NewEventRow } from './events.js';

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

/**
 * Adds each recipient's changes to its counters, all in one statement (a batch of hits touches
 * a hundred recipients; one UPDATE each would cost more than the rest of the batch).
 */
export async function addToRecipientsCounters(
  db: Db,
  deltas: ReadonlyMap<string, CounterDelta>,
): Promise<void> {
  const entries = [...deltas];
  // Rows per statement: 8 parameters each, under both engines' limits.
  for (let i = 0; i < entries.length; i += 500) {
    const rows = entries
      .slice(i, i + 500)
      .map(
        ([id, d]) =>
          sql`select cast(${id} as text) as id, cast(${d.opens} as integer) as opens, cast(${d.clicks} as integer) as clicks, cast(${d.downloads} as integer) as downloads, cast(${d.machineOpens} as integer) as machine_opens, cast(${d.machineClicks} as integer) as machine_clicks, cast(${d.machineDownloads} as integer) as machine_downloads, cast(${d.lastEventAt} as bigint) as last_event_at`,
      );
    await sql`update recipients set
        opens = recipients.opens + d.opens,
        clicks = recipients.clicks + d.clicks,
        downloads = recipients.downloads + d.downloads,
        machine_opens = recipients.machine_opens + d.machine_opens,
        machine_clicks = recipients.machine_clicks + d.machine_clicks,
        machine_downloads = recipients.machine_downloads + d.machine_downloads,
        last_event_at = case when recipients.last_event_at is null or recipients.last_event_at < d.last_event_at then d.last_event_at else recipients.last_event_at end
      from (${sql.join(rows, sql` union all `)}) as d
      where recipients.id = d.id`.execute(db);
  }
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

/** One recorded hit (inferred opens left out), as a classifier's history reads it. */
export interface RecentHit {
  readonly id: string;
  readonly recipientId: string;
  readonly type: EventRow['type'];
  readonly at: number;
  readonly linkIdx: number | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly classification: EventRow['classification'];
  readonly reason: string | null;
}

/**
 * Each copy's latest `limit` recorded hits, oldest first, for many copies in one query: the
 * classifier's history of the copies a batch of hits meets for the first time. At most `limit`
 * per copy, so a copy under a flood of hits costs the same as any other.
 */
export async function listRecentHitsOf(
  db: Db,
  recipientIds: readonly string[],
  limit: number,
): Promise<Map<string, RecentHit[]>> {
  const found = new Map<string, RecentHit[]>(recipientIds.map((id) => [id, []]));
  for (let i = 0; i < recipientIds.length; i += 500) {
    const ids = recipientIds.slice(i, i + 500);
    const { rows } = await sql<RecentHit>`select id, recipient_id as "recipientId", type, at,
        link_idx as "linkIdx", ip, user_agent as "userAgent", classification, reason
      from (select e.*, row_number() over (partition by recipient_id order by at desc, id desc) as n
        from events e where recipient_id in (${sql.join(ids)}) and inferred = 0) as recent
      where n <= ${limit}
      order by recipient_id, at, id`.execute(db);
    for (const row of rows) found.get(row.recipientId)?.push({ ...row, at: Number(row.at) });
  }
  return found;
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
