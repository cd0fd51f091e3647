import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { Classification, NotificationType } from '../vocabulary.js';
import { countInChunks, deleteInBatches, insertInChunks } from './batches.js';
import type { Database, Db } from './database.js';
import { idTimePrefix } from './ids.js';

/** A notification: a chat line for one user about one event (or a fold of its repeats). */
export interface NotificationTable {
  id: string;
  workspaceId: string;
  userId: string;
  messageId: string | null;
  eventId: string | null;
  type: string;
  /**
   * What the line says happened, as JSON facts (`{kind, data}`, src/notify/facts.ts), worded when
   * read in the reader's language: never stored as a sentence.
   */
  fact: string;
  at: number;
  /** How many events this line stands for (repeats within a minute fold into one). */
  count: number;
  /** Recipient, action and link/file: what repeats must share to fold. */
  foldKey: string | null;
  read: number;
  /** Time-ordered id of the last change: the live stream's resume point. */
  seq: string;
  /**
   * 1 once every event it stood for was relabelled a machine's after it was told (and the
   * workspace does not hear machines): kept, so a resuming live client hears of it, but out of
   * every list and count.
   */
  retracted: Generated<number>;
  /**
   * The label of the event it last stood for (its classification), so that lists filter by it
   * and clients show it; null for a notification about no event (a disabled webhook).
   */
  classification: Classification | null;
}
export type NotificationRow = Selectable<NotificationTable>;
export type NewNotificationRow = Insertable<NotificationTable>;

/** Inserts notifications, 200 a statement. */
export async function insertNotifications(
  db: Db,
  rows: readonly NewNotificationRow[],
): Promise<void> {
  await insertInChunks(rows, (chunk) => db.insertInto('notifications').values(chunk).execute());
}

/**
 * The notifications of these users with these fold keys since `since` (epoch ms), newest first:
 * what repeats may fold into. One query for a whole batch of runs; the caller picks, per user
 * and key, the newest within its own window.
 */
export function findFoldTargets(
  db: Db,
  userIds: readonly string[],
  foldKeys: readonly string[],
  since: number,
): Promise<NotificationRow[]> {
  if (userIds.length === 0 || foldKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', 'in', userIds)
    .where('foldKey', 'in', foldKeys)
    .where('at', '>=', since)
    .where('retracted', '=', 0)
    .orderBy('at', 'desc')
    .execute();
}

/**
 * A change of a notification, with its new change sequence: a fold (new facts, count, latest
 * event and time, unread again), or a relabel's correction (the same as the events now stand,
 * or retracted; its read state stays, a correction being no news).
 */
export async function updateNotification(
  db: Db,
  id: string,
  update: Pick<NotificationRow, 'fact' | 'at' | 'count' | 'seq' | 'eventId'> &
    Partial<Pick<NotificationRow, 'read' | 'retracted' | 'classification'>>,
): Promise<void> {
  await db.updateTable('notifications').set(update).where('id', '=', id).execute();
}

/**
 * The notifications of these users with this fold key whose latest event is `fromEventId` or
 * later, retracted ones left out, by user then latest event: the lines a relabel of that event
 * may have to retell (a fold holding it, and later opens' ordinals). Served by
 * `notifications_fold` (user, key).
 */
export function listLinesToRetell(
  db: Db,
  userIds: readonly string[],
  foldKey: string,
  fromEventId: string,
): Promise<NotificationRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', 'in', userIds)
    .where('foldKey', '=', foldKey)
    .where('eventId', '>=', fromEventId)
    .where('retracted', '=', 0)
    .orderBy('userId')
    .orderBy('eventId')
    .execute();
}

/**
 * Per user, the latest event of their last line with this fold key before `beforeEventId`
 * (retracted ones left out): where the events of their next line start.
 */
export async function lastEventsBefore(
  db: Db,
  userIds: readonly string[],
  foldKey: string,
  beforeEventId: string,
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notifications')
    .select(['userId', (eb) => eb.fn.max('eventId').as('eventId')])
    .where('userId', 'in', userIds)
    .where('foldKey', '=', foldKey)
    .where('eventId', '<', beforeEventId)
    .where('retracted', '=', 0)
    .groupBy('userId')
    .execute();
  return new Map(rows.flatMap((r) => (r.eventId ? [[r.userId, r.eventId] as const] : [])));
}

/**
 * Which of a user's notifications a list holds: each field set narrows it (all must hold).
 * `from` (inclusive) and `to` (exclusive) bound the time of its latest change, in epoch ms.
 */
export interface NotificationFilter {
  readonly type?: NotificationType;
  readonly classification?: Classification;
  readonly messageId?: string;
  readonly unreadOnly?: boolean;
  readonly from?: number;
  readonly to?: number;
}

/** Newest first (by id); `before` continues an earlier page. Retracted ones are never listed. */
export function listNotifications(
  db: Db,
  userId: string,
  page: { limit: number; before?: string; filter?: NotificationFilter },
): Promise<NotificationRow[]> {
  const filter = page.filter ?? {};
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', userId)
    .where('retracted', '=', 0)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before) query = query.where('id', '<', page.before);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.classification) query = query.where('classification', '=', filter.classification);
  if (filter.messageId) query = query.where('messageId', '=', filter.messageId);
  if (filter.unreadOnly) query = query.where('read', '=', 0);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  return query.execute();
}

/** Every notification changed after `seq`, in the order they changed: what a live client missed. */
export function listNotificationsChangedAfter(db: Db, userId: string, seq: string, limit: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', userId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('read', '=', 0)
    .where('retracted', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; false when they have no such (listed) one. */
export async function markOneRead(db: Db, userId: string, id: string): Promise<boolean> {
  const found = await db
    .selectFrom('notifications')
    .select('read')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('retracted', '=', 0)
    .executeTakeFirst();
  if (!found) return false;
  if (found.read === 0) {
    await db
      .updateTable('notifications')
      .set({ read: 1 })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .execute();
  }
  return true;
}

export async function markReadUpTo(db: Db, userId: string, upTo: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read: 1 })
    .where('userId', '=', userId)
    .where('id', '<=', upTo)
    .where('read', '=', 0)
    .execute();
}

/** The notifications whose last change has one of these sequences, in change order. */
export function listNotificationsBySequence(
  db: Db,
  seqs: readonly string[],
): Promise<NotificationRow[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('seq', 'in', seqs)
    .orderBy('seq')
    .execute();
}

/** Every user's notifications changed after `seq`, in change order: what a listener missed. */
export function listAllNotificationsChangedAfter(
  db: Db,
  seq: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * Deletes the notifications last changed before `before` (epoch ms): the retention purge, a
 * batch per statement along `notifications_seq` (a change's sequence is time-ordered, and a
 * fold renews it with its time). Returns how many went.
 */
export function purgeNotificationsBefore(db: Kysely<Database>, before: number): Promise<number> {
  const bound = idTimePrefix(before);
  return deleteInBatches(
    (limit) =>
      db
        .selectFrom('notifications')
        .select('id')
        .where('seq', '<', bound)
        .where('at', '<', before)
        .orderBy('seq')
        .limit(limit)
        .execute(),
    (ids) => db.deleteFrom('notifications').where('id', 'in', ids).executeTakeFirst(),
  );
}

/** The workspace's notifications about these messages, for an erasure to look through. */
export function listNotificationsOfMessages(
  db: Db,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<Pick<NotificationRow, 'id' | 'eventId' | 'foldKey' | 'fact'>[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notifications')
    .select(['id', 'eventId', 'foldKey', 'fact'])
    .where('workspaceId', '=', workspaceId)
    .where('messageId', 'in', messageIds)
    .execute();
}

/** Deletes notifications by id; returns how many went. */
export function deleteNotifications(db: Db, ids: readonly string[]): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db.deleteFrom('notifications').where('id', 'in', chunk).executeTakeFirst(),
  );
}
