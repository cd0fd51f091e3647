import { CompiledQuery, type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { DAY_MS } from '../time-units.js';
import type { Classification, EventType } from '../vocabulary.js';
import { countInChunks, insertInChunks } from './batches.js';
import type { Database, Db } from './database.js';
import { dayOf } from './days.js';
import { usesPostgres } from './dialect.js';
import { idTimePrefix } from './ids.js';
import { listReachDays, reachLastDaysSince } from './reach-days.js';

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

export async function insertEventRows(db: Db, rows: readonly NewEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (usesPostgres(db)) {
    await insertEventRowsByArrays(db, rows);
    return;
  }
  await insertInChunks(rows, (chunk) => db.executeQuery(sqliteEventInsert(chunk)));
}

/**
 * The events' columns, their PostgreSQL types (for one `unnest` of an array per column) and each
 * one's value in a row, defaults applied: both engines' inserts bind through this one list.
 */
const EVENT_COLUMNS: readonly (readonly [string, string, (row: NewEventRow) => unknown])[] = [
  ['id', 'text', (row: NewEventRow) => row.id],
  ['workspace_id', 'text', (row: NewEventRow) => row.workspaceId],
  ['message_id', 'text', (row: NewEventRow) => row.messageId],
  ['recipient_id', 'text', (row: NewEventRow) => row.recipientId],
  ['type', 'text', (row: NewEventRow) => row.type],
  ['at', 'bigint', (row: NewEventRow) => row.at],
  ['link_idx', 'integer', (row: NewEventRow) => row.linkIdx ?? null],
  ['attachment_id', 'text', (row: NewEventRow) => row.attachmentId ?? null],
  ['ip', 'text', (row: NewEventRow) => row.ip ?? null],
  ['user_agent', 'text', (row: NewEventRow) => row.userAgent ?? null],
  ['client', 'text', (row: NewEventRow) => row.client ?? null],
  ['method', 'text', (row: NewEventRow) => row.method],
  ['classification', 'text', (row: NewEventRow) => row.classification ?? 'human'],
  ['reason', 'text', (row: NewEventRow) => row.reason ?? null],
  ['inferred', 'integer', (row: NewEventRow) => row.inferred ?? 0],
  ['details', 'text', (row: NewEventRow) => row.details ?? null],
];

/**
 * PostgreSQL: all the rows in one short statement, an array per column. A multi-row VALUES
 * insert is a new statement text for every row count, parsed and planned each time (16
 * parameters a row): at 500 events a batch that was a third of the processing stage's time.
 */
async function insertEventRowsByArrays(db: Db, rows: readonly NewEventRow[]): Promise<void> {
  const arrays = EVENT_COLUMNS.map(
    ([, type, value]) => sql`${rows.map(value)}::${sql.raw(type)}[]`,
  );
  const columns = EVENT_COLUMNS.map(([name]) => name).join(', ');
  // A spooled event replayed twice is written once.
  await sql`insert into events (${sql.raw(columns)})
    select * from unnest(${sql.join(arrays)})
    on conflict (id) do nothing`.execute(db);
}

/** SQLite's statement text for `count` events, built once per count (the store keeps it prepared). */
const sqliteEventInserts = new Map<number, string>();

/**
 * SQLite: the rows as one multi-row insert whose text depends only on the row count, so its
 * prepared statement is reused (src/store/engines/sqlite.ts) and the values go straight into
 * one flat parameter list. Kysely's builder made, froze and walked an object tree of 16 nodes
 * a row for every batch: as much of the processing thread's time as SQLite's own insert.
 * A spooled event replayed twice is written once.
 */
function sqliteEventInsert(rows: readonly NewEventRow[]): CompiledQuery {
  let text = sqliteEventInserts.get(rows.length);
  if (text === undefined) {
    const row = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`;
    text = `insert into events (${EVENT_COLUMNS.map(([name]) => name).join(', ')}) values ${Array(rows.length).fill(row).join(', ')} on conflict (id) do nothing`;
    sqliteEventInserts.set(rows.length, text);
  }
  const parameters: unknown[] = [];
  for (const row of rows) for (const [, , value] of EVENT_COLUMNS) parameters.push(value(row));
  return CompiledQuery.raw(text, parameters);
}

/**
 * Which of these ids (a batch's hit ids: an event takes its hit's id) are events already: a hit
 * the spool replays after its append did commit — the reply lost with the connection — and the
 * processing stage consumed. One primary-key lookup per batch.
 */
export async function findRecordedEventIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('events').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Whether the recipient has a `reply` or `auto_reply` event recorded from the mail whose own
 * Message-ID is `messageId` (kept in the event's details by src/mailbox): a mail seen again under
 * a new UID is not a second reply. A recipient has a handful of replies at most, so their details
 * are read and compared here rather than indexed.
 */
export async function hasReplyWithMessageId(
  db: Db,
  recipientId: string,
  messageId: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom('events')
    .select('details')
    .where('recipientId', '=', recipientId)
    .where('type', 'in', ['reply', 'auto_reply'])
    .execute();
  return rows.some((row) => {
    try {
      return (JSON.parse(row.details ?? '{}') as { messageId?: unknown }).messageId === messageId;
    } catch {
      return false;
    }
  });
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

/**
 * Committed events by id, as they are now (their labels settled), in id order: what the fan-out
 * tells and the webhooks deliver.
 */
export function findEventsByIds(db: Db, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/**
 * How many times a person opened the mail up to each of these events (its ordinal: "2nd time"):
 * human and proxy opens, inferred ones included; machines' fetches do not count. By event id,
 * for a whole batch in one query.
 */
export async function countOpensUpToEach(
  db: Db,
  events: readonly { id: string; recipientId: string }[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (events.length === 0) return counts;
  const pairs = sql.join(events.map((e) => sql`(${e.recipientId}, ${e.id})`));
  const { rows } = await sql<{ eventId: string; n: number | string }>`
    with asked (recipient_id, event_id) as (values ${pairs})
    select asked.event_id as "eventId",
      (select count(*) from events e
        where e.recipient_id = asked.recipient_id and e.type = 'open'
          and e.classification in ('human', 'proxy') and e.id <= asked.event_id) as n
    from asked`.execute(db);
  for (const row of rows) counts.set(row.eventId, Number(row.n));
  return counts;
}

/** What events share to fold into one line: recipient, action, link or file, inferred or not. */
export interface FoldFacts {
  readonly recipientId: string;
  readonly type: EventRow['type'];
  readonly linkIdx: number | null;
  readonly attachmentId: string | null;
  readonly inferred: number;
}

/**
 * How many events with these fold facts and one of `labels` lie after `after` (an event id,
 * exclusive; none: from the start) up to `upTo` (inclusive), at `since` (epoch ms) or later, and
 * the latest of them: what one line stands for as the events are labelled now. Served by
 * `events_recipient_type` (recipient, type, id).
 */
export async function countFoldedEvents(
  db: Db,
  facts: FoldFacts,
  labels: readonly NonNullable<EventRow['classification']>[],
  range: { after?: string; upTo: string; since?: number },
): Promise<{ count: number; lastId: string | null }> {
  let query = db
    .selectFrom('events')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('id').as('lastId')])
    .where('recipientId', '=', facts.recipientId)
    .where('type', '=', facts.type)
    .where('id', '<=', range.upTo)
    .where('inferred', '=', facts.inferred)
    .where('linkIdx', facts.linkIdx === null ? 'is' : '=', facts.linkIdx)
    .where('attachmentId', facts.attachmentId === null ? 'is' : '=', facts.attachmentId)
    .where('classification', 'in', labels);
  if (range.after !== undefined) query = query.where('id', '>', range.after);
  if (range.since !== undefined) query = query.where('at', '>=', range.since);
  const row = await query.executeTakeFirst();
  return { count: Number(row?.n ?? 0), lastId: row?.lastId ?? null };
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

/** What the overview counts: people (human and proxy opens) apart from machines. */
export type Audience = 'people' | 'machines';
export type CountedEvent = 'open' | 'click' | 'download';

export interface DailyReach {
  readonly day: number | null;
  readonly type: CountedEvent;
  readonly audience: Audience;
  /** Distinct recipients. */
  readonly recipients: number;
}

const audienceOf = sql<Audience>`case when ${sql.ref('classification')} = 'machine' then 'machines' else 'people' end`;

/**
 * Distinct recipients who opened, clicked or downloaded, per UTC day (or over the whole window
 * with `perDay` false), split into people and machines. The team's own views (`self`) and the
 * events that are not reach (expiry, opt-out) are left out. Events the retention purge or an
 * erasure removed still count, through the anonymous totals kept for them (reach-days.ts): a
 * day's from `reach_days`, a window's from each recipient's last such day, so a person counts
 * once in a window however many of their days are gone. `until` (epoch ms, exclusive) ends the
 * window; none: up to now.
 */
export async function reachPerDay(
  db: Db,
  workspaceId: string,
  since: number,
  perDay: boolean,
  until?: number,
): Promise<DailyReach[]> {
  if (!perDay) return reachInWindow(db, workspaceId, since, until);
  let query = db
    .selectFrom('events')
    .select([
      'type',
      audienceOf.as('audience'),
      (eb) => eb.fn.count<number>('recipientId').distinct().as('recipients'),
      dayOf('at').as('day'),
    ])
    .where('workspaceId', '=', workspaceId)
    .where('at', '>=', since)
    .where('type', 'in', ['open', 'click', 'download'])
    .where('classification', '!=', 'self')
    .groupBy(['type', audienceOf, dayOf('at')]);
  if (until !== undefined) query = query.where('at', '<', until);
  const rows = await query.execute();
  const byKey = new Map<string, DailyReach>();
  const add = (day: number, type: CountedEvent, audience: Audience, recipients: number) => {
    const key = `${day}|${type}|${audience}`;
    const sum = (byKey.get(key)?.recipients ?? 0) + recipients;
    byKey.set(key, { day, type, audience, recipients: sum });
  };
  for (const row of rows) {
    add(Number(row.day), row.type as CountedEvent, row.audience, Number(row.recipients));
  }
  const untilDay = until === undefined ? undefined : Math.ceil(until / DAY_MS);
  for (const row of await listReachDays(db, workspaceId, Math.ceil(since / DAY_MS), untilDay)) {
    add(Number(row.day), row.type, row.audience, Number(row.recipients));
  }
  return [...byKey.values()];
}

/**
 * reachPerDay over the whole window: the events' recipients and the kept last days, distinct.
 * With `until`, a recipient whose last purged day falls after the window is not counted from
 * the kept days even if an earlier purged day fell inside it (only the last day is kept).
 */
async function reachInWindow(
  db: Db,
  workspaceId: string,
  since: number,
  until: number | undefined,
): Promise<DailyReach[]> {
  const before = until === undefined ? sql`` : sql`and at < ${until}`;
  const untilDay = until === undefined ? undefined : Math.ceil(until / DAY_MS);
  const { rows } = await sql<{ type: CountedEvent; audience: Audience; recipients: number }>`
    select type, audience, count(distinct recipient_id) as recipients from (
      select recipient_id, type, ${audienceOf} as audience from events
        where workspace_id = ${workspaceId} and at >= ${since} ${before}
          and type in ('open', 'click', 'download') and classification <> 'self'
      union all ${reachLastDaysSince(workspaceId, Math.ceil(since / DAY_MS), untilDay)}
    ) as reach group by type, audience`.execute(db);
  return rows.map((row) => ({
    day: null,
    type: row.type,
    audience: row.audience,
    recipients: Number(row.recipients),
  }));
}

/** Rows one transaction of the purge deletes at most (docs/storage.md: measured). */
export const PURGE_BATCH = 5_000;

export interface PurgeOptions {
  /** Rows per transaction, at most (default PURGE_BATCH). */
  readonly batchSize?: number;
  /** Awaited after each batch's commit, with the rows deleted so far: progress, or a pause. */
  readonly afterBatch?: (deleted: number) => Promise<void> | void;
  /** Checked before each batch: an aborted purge stops there and returns what it deleted. */
  readonly signal?: AbortSignal;
}

/**
 * Deletes the events that happened before `before` (epoch ms), in batches of consecutive ids,
 * each batch one short statement of its own (its own transaction), walking the primary key:
 * ids are time-ordered, so the old rows are one range at its start. Between two batches no lock
 * is held, so the processing stage's inserts (and anything else) go on meanwhile. Returns how
 * many rows went. Recipients' counters are not touched: they stay as anonymous totals.
 *
 * Takes the database, not a transaction: the purge commits batch by batch.
 */
export async function purgeEventsBefore(
  db: Kysely<Database>,
  before: number,
  options: PurgeOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? PURGE_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
  }
  // An event's time is its id's, or a millisecond later for an inferred open (precedingId): so
  // every id made before `before - 1` is an event before `before`, and goes by its id alone. No
  // condition on `at` there, or SQLite may walk (workspace_id, at) instead of the key.
  const bound = idTimePrefix(before - 1);
  let after = '';
  let deleted = 0;
  const done = async (rows: bigint) => {
    deleted += Number(rows);
    await options.afterBatch?.(deleted);
  };
  for (;;) {
    if (options.signal?.aborted) return deleted;
    // The batch's last id: the batch is (after, last]; none when fewer than a batch remain.
    const last = await db
      .selectFrom('events')
      .select('id')
      .where('id', '>', after)
      .where('id', '<', bound)
      .orderBy('id')
      .offset(batchSize - 1)
      .limit(1)
      .executeTakeFirst();
    const result = await db
      .deleteFrom('events')
      .where('id', '>', after)
      .where('id', last ? '<=' : '<', last ? last.id : bound)
      .executeTakeFirst();
    await done(result.numDeletedRows);
    if (!last) break;
    after = last.id;
  }
  // The last millisecond's ids: those whose time is before the cut-off.
  const edge = await db
    .selectFrom('events')
    .select(['id', 'at'])
    .where('id', '>=', bound)
    .where('id', '<', idTimePrefix(before))
    .execute();
  const old = edge.filter((row) => row.at < before).map((row) => row.id);
  for (let i = 0; i < old.length; i += batchSize) {
    if (options.signal?.aborted) return deleted;
    const result = await db
      .deleteFrom('events')
      .where('id', 'in', old.slice(i, i + batchSize))
      .executeTakeFirst();
    await done(result.numDeletedRows);
  }
  return deleted;
}

/** The ids of these recipients' events, in id order. */
export async function listEventIdsOf(db: Db, recipientIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < recipientIds.length; i += 500) {
    const rows = await db
      .selectFrom('events')
      .select('id')
      .where('recipientId', 'in', recipientIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Deletes every event of these recipients (an erasure); returns how many went. */
export function deleteEventsOf(db: Db, recipientIds: readonly string[]): Promise<number> {
  return countInChunks(recipientIds, (chunk) =>
    db.deleteFrom('events').where('recipientId', 'in', chunk).executeTakeFirst(),
  );
}

/**
 * Deletes the events of erased recipients: those a batch of hits already in hand wrote just
 * after an erasure committed (src/privacy sweeps with this after each erasure, and hourly).
 * Returns how many went.
 */
export async function deleteEventsOfErased(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('recipientId', 'in', (eb) =>
      eb.selectFrom('recipients').select('id').where('erasedAt', 'is not', null),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether an open of this recipient's copy is recorded (anyone's: the team's own included). */
export async function hasOpenEvent(db: Db, recipientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('events')
    .select('id')
    .where('recipientId', '=', recipientId)
    .where('type', '=', 'open')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
