import { type Insertable, type Selectable, sql } from 'kysely';
import { countInChunks, insertInChunks, selectInChunks } from './batches.js';
import type { Db } from './database.js';

/** Delivery state of one SMTP transaction (a copy) and of each recipient in it. */
export type Delivery = 'queued' | 'sending' | 'sent' | 'deferred' | 'rejected' | 'failed';

export type RecipientKind = 'to' | 'cc' | 'bcc';
/**
 * Why a recipient's copy is not tracked: the message's switch is off, the address is on the
 * do-not-track list, or the workspace's policy: no recorded consent (`consent`), only the
 * message's shared pixel (`aggregate`), no tracking at all (`off`).
 */
export type NotTrackedReason =
  | 'tracking_off'
  | 'do_not_track'
  | 'no_consent'
  | 'aggregate'
  | 'policy_off';

/** A recipient's event counters, each a column of the recipients table. */
export const COUNTER_COLUMNS = [
  // People's events (human and proxy, inferred opens included).
  'opens',
  'clicks',
  'downloads',
  // Machines' events (prefetchers, scanners, link checkers), counted apart.
  'machineOpens',
  'machineClicks',
  'machineDownloads',
] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];
export type RecipientCounters = Record<CounterColumn, number>;

/** One recipient of a message, in the copy that carries their mail, with their event counters. */
export interface RecipientTable extends RecipientCounters {
  id: string;
  messageId: string;
  workspaceId: string;
  copyId: string;
  email: string;
  /**
   * `addressKey(email)`, computed in JavaScript when the row is written (SQL cannot fold case
   * the Unicode way): what privacy comparisons match the address by.
   */
  emailKey: string;
  name: string | null;
  kind: RecipientKind;
  position: number;
  tracked: number;
  notTrackedReason: NotTrackedReason | null;
  /** Random id the tracking tokens of this recipient's copy carry (base64url); null untracked. */
  trackingId: string | null;
  delivery: Delivery;
  smtpResponse: string | null;
  lastEventAt: number | null;
  /** When the address opted out (every copy to it carries the time); null while tracked. */
  optedOutAt: number | null;
  /**
   * When an admin erased this address (src/privacy): the row stays, anonymised, for its counts;
   * no hit of the copy becomes an event again.
   */
  erasedAt: number | null;
  /**
   * How many replies the recipient sent (issue 17: a mail in the shared mailbox naming this
   * copy's Message-ID); automatic replies (RFC 3834) and the team's own are not counted.
   */
  replied: number;
}
export type RecipientRow = Selectable<RecipientTable>;

/** A recipient's counters before any event: people's and machines'. */
export const ZERO_COUNTERS: Readonly<RecipientCounters> = Object.freeze(
  Object.fromEntries(COUNTER_COLUMNS.map((column) => [column, 0])) as RecipientCounters,
);

/** Inserts recipients, 200 a statement (insertCopies writes them with their copies). */
export async function insertRecipients(
  db: Db,
  recipients: readonly Insertable<RecipientTable>[],
): Promise<void> {
  await insertInChunks(recipients, (chunk) => db.insertInto('recipients').values(chunk).execute());
}

/** Recipients whose `column` is one of `values`, in their messages' order (`position`). */
async function recipientsWhere(
  db: Db,
  column: 'messageId' | 'copyId',
  values: readonly string[],
): Promise<RecipientRow[]> {
  const rows = await selectInChunks(values, (chunk) =>
    db.selectFrom('recipients').selectAll().where(column, 'in', chunk).execute(),
  );
  return rows.sort((a, b) => a.position - b.position);
}

/** A message's recipients, in the order they were addressed. */
export function listRecipients(db: Db, messageId: string): Promise<RecipientRow[]> {
  return recipientsWhere(db, 'messageId', [messageId]);
}

/** The recipients one copy goes to (several when tracking is off, else one). */
export function listCopyRecipients(db: Db, copyId: string): Promise<RecipientRow[]> {
  return recipientsWhere(db, 'copyId', [copyId]);
}

/** The recipients of several messages, each message's in order. */
export function listRecipientsOfMessages(
  db: Db,
  messageIds: readonly string[],
): Promise<RecipientRow[]> {
  return recipientsWhere(db, 'messageId', messageIds);
}

export async function setRecipientDelivery(
  db: Db,
  ids: readonly string[],
  delivery: Delivery,
  smtpResponse: string | null,
): Promise<void> {
  await countInChunks(ids, (chunk) =>
    db
      .updateTable('recipients')
      .set({ delivery, smtpResponse })
      .where('id', 'in', chunk)
      .executeTakeFirst(),
  );
}

/** Changes to one recipient's counters; negative where a relabel moved an event away. */
export interface CounterDelta extends RecipientCounters {
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
  // Rows per statement: 8 parameters each, under both engines' limits. A VALUES list, not a
  // UNION ALL of one-row SELECTs: PostgreSQL planned a 500-branch union for ~75 ms, which made
  // the counters most of a batch's time (docs/decisions.md, issue 10, "Session 9").
  for (let i = 0; i < entries.length; i += 500) {
    const rows = entries.slice(i, i + 500).map(([id, d], index) =>
      index === 0
        ? // The first row's casts type each column; the others' parameters follow them.
          sql`(cast(${id} as text), cast(${d.opens} as integer), cast(${d.clicks} as integer), cast(${d.downloads} as integer), cast(${d.machineOpens} as integer), cast(${d.machineClicks} as integer), cast(${d.machineDownloads} as integer), cast(${d.lastEventAt} as bigint))`
        : sql`(${id}, ${d.opens}, ${d.clicks}, ${d.downloads}, ${d.machineOpens}, ${d.machineClicks}, ${d.machineDownloads}, ${d.lastEventAt})`,
    );
    // VALUES names its columns column1…column8 on both engines.
    await sql`update recipients set
        opens = recipients.opens + d.column2,
        clicks = recipients.clicks + d.column3,
        downloads = recipients.downloads + d.column4,
        machine_opens = recipients.machine_opens + d.column5,
        machine_clicks = recipients.machine_clicks + d.column6,
        machine_downloads = recipients.machine_downloads + d.column7,
        last_event_at = case when recipients.last_event_at is null or recipients.last_event_at < d.column8 then d.column8 else recipients.last_event_at end
      from (values ${sql.join(rows)}) as d
      where recipients.id = d.column1`.execute(db);
  }
}

export async function markOptedOut(
  db: Db,
  workspaceId: string,
  emailKey: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('recipients')
    .set({ optedOutAt: at })
    .where('workspaceId', '=', workspaceId)
    .where('emailKey', '=', emailKey)
    .where('optedOutAt', 'is', null)
    .execute();
}

/** Clears the opt-out mark of every copy to this address (by `addressKey`): tracked again. */
export async function clearOptedOut(db: Db, workspaceId: string, emailKey: string): Promise<void> {
  await db
    .updateTable('recipients')
    .set({ optedOutAt: null })
    .where('workspaceId', '=', workspaceId)
    .where('emailKey', '=', emailKey)
    .where('optedOutAt', 'is not', null)
    .execute();
}

/** Recipients' names and addresses by id: who a notice speaks of. */
export async function findRecipientNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string | null; email: string }>> {
  const rows = await selectInChunks(ids, (chunk) =>
    db.selectFrom('recipients').select(['id', 'name', 'email']).where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

/**
 * What a hit needs to know about the copy its token names, found in one query: the recipient row
 * the token's tracking id names, with its message's and workspace's fields joined in.
 */
export interface TrackedCopy {
  readonly recipientId: string;
  readonly messageId: string;
  readonly workspaceId: string;
  readonly trackingId: string;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string | null;
  readonly subject: string;
  readonly fromEmail: string | null;
  readonly fromName: string | null;
  readonly language: string;
  readonly sentAt: number | null;
  readonly workspaceName: string;
}

/** Tracked recipients joined to their message and workspace: the TrackedCopy query's base. */
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
      'recipients.emailKey',
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
 * What the processing stage needs about the recipients of a batch of hits: address key (a copy
 * to a workspace member is the team's own), opt-out, erasure, whether any open is counted yet,
 * and when the copy was accepted by its server (null while unknown). Recipients, joined to their
 * copy for
 * its `sentAt`.
 *
 * The opt-out is read from the do-not-track list's `opt_out` entry of the address's key, not
 * from the row's own mark: a copy queued while its recipient opted out (the mark's update did
 * not see the copy's uncommitted row) is covered all the same, and a withdrawal ends it at once.
 */
export function recipientsForHits(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('recipients')
    .innerJoin('copies', 'copies.id', 'recipients.copyId')
    .leftJoin('doNotTrack', (join) =>
      join
        .onRef('doNotTrack.workspaceId', '=', 'recipients.workspaceId')
        .onRef('doNotTrack.entry', '=', 'recipients.emailKey')
        .on('doNotTrack.source', '=', 'opt_out'),
    )
    .select([
      'recipients.id',
      'recipients.emailKey',
      'recipients.workspaceId',
      'recipients.opens',
      'recipients.machineOpens',
      'doNotTrack.createdAt as optedOutAt',
      'recipients.erasedAt',
      'copies.sentAt as deliveredAt',
    ])
    .where('recipients.id', 'in', ids)
    .execute();
}

/**
 * The workspace's recipient rows (not erased) of one person: those whose address key is `key`
 * (mail's `addressKey`), found through the `(workspace_id, email_key)` index, with the address
 * as each copy spelled it.
 */
export function findRecipientsByKey(
  db: Db,
  workspaceId: string,
  key: string,
): Promise<Pick<RecipientRow, 'id' | 'messageId' | 'copyId' | 'email'>[]> {
  return db
    .selectFrom('recipients')
    .select(['id', 'messageId', 'copyId', 'email'])
    .where('workspaceId', '=', workspaceId)
    .where('emailKey', '=', key)
    .where('erasedAt', 'is', null)
    .execute();
}

/** Whether the recipient row was erased (false for a row that does not exist). */
export async function isRecipientErased(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('recipients')
    .select('erasedAt')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined && row.erasedAt !== null;
}

/** What an erased recipient's address becomes: neutral, and not an address. */
export const ERASED_ADDRESS = 'erased';

/**
 * Anonymises recipient rows (an erasure): the address and its key become ERASED_ADDRESS, the name and the relay's
 * reply (which may quote the address) go, the counters stay. The copy counts as opted out from
 * now if it was not already, so its privacy page offers nothing to undo, and `erasedAt` makes
 * the processing stage drop its hits. Returns how many rows changed.
 */
export function eraseRecipientRows(db: Db, ids: readonly string[], at: number): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db
      .updateTable('recipients')
      .set({
        email: ERASED_ADDRESS,
        // The key is the address folded: it goes too.
        emailKey: ERASED_ADDRESS,
        name: null,
        smtpResponse: null,
        erasedAt: at,
        optedOutAt: sql<number>`coalesce(opted_out_at, ${at})`,
      })
      .where('id', 'in', chunk)
      .executeTakeFirst(),
  );
}

/**
 * Records a reply on one recipient: `replied` + `replies`, `opens` + `opens` (an open inferred
 * from the reply, when none was seen), and the latest event time. In the reply's transaction.
 */
export async function addReplyToRecipient(
  db: Db,
  recipientId: string,
  delta: { replies: number; opens: number; at: number },
): Promise<void> {
  await db
    .updateTable('recipients')
    .set((eb) => ({
      replied: eb('replied', '+', delta.replies),
      opens: eb('opens', '+', delta.opens),
      lastEventAt: sql<number>`case when last_event_at is null or last_event_at < ${delta.at} then ${delta.at} else last_event_at end`,
    }))
    .where('id', '=', recipientId)
    .execute();
}
