import type { Db } from './database.js';
import type { FollowerRow, NewNotificationRow, NotificationRow } from './notifications.js';

export async function followMessage(
  db: Db,
  row: { messageId: string; userId: string; workspaceId: string },
): Promise<void> {
  await db
    .insertInto('followers')
    .values({ ...row, muted: 0, createdAt: Date.now() })
    .onConflict((oc) => oc.columns(['messageId', 'userId']).doNothing())
    .execute();
}

export async function unfollowMessage(db: Db, messageId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('followers')
    .where('messageId', '=', messageId)
    .where('userId', '=', userId)
    .execute();
}

/** Sets the user's mute switch for the message; muting makes them a (silent) follower. */
export async function setMuted(
  db: Db,
  row: { messageId: string; userId: string; workspaceId: string },
  muted: boolean,
): Promise<void> {
  await db
    .insertInto('followers')
    .values({ ...row, muted: muted ? 1 : 0, createdAt: Date.now() })
    .onConflict((oc) => oc.columns(['messageId', 'userId']).doUpdateSet({ muted: muted ? 1 : 0 }))
    .execute();
}

export function findFollower(
  db: Db,
  messageId: string,
  userId: string,
): Promise<FollowerRow | undefined> {
  return db
    .selectFrom('followers')
    .selectAll()
    .where('messageId', '=', messageId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** The followers who hear about the message: not muted, with their language. */
export function listListeningFollowers(db: Db, messageId: string) {
  return db
    .selectFrom('followers')
    .innerJoin('users', 'users.id', 'followers.userId')
    .select(['users.id as userId', 'users.language'])
    .where('followers.messageId', '=', messageId)
    .where('followers.muted', '=', 0)
    .execute();
}

export async function insertNotification(db: Db, row: NewNotificationRow): Promise<void> {
  await db.insertInto('notifications').values(row).execute();
}

/** The user's latest notification with this fold key since `since`, to fold a repeat into. */
export function findFoldTarget(
  db: Db,
  userId: string,
  foldKey: string,
  since: number,
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', userId)
    .where('foldKey', '=', foldKey)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateNotification(
  db: Db,
  id: string,
  update: {
    text: string;
    at: number;
    count: number;
    seq: string;
    eventId: string | null;
    read: number;
  },
): Promise<void> {
  await db.updateTable('notifications').set(update).where('id', '=', id).execute();
}

export function findNotificationsByIds(db: Db, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('notifications').selectAll().where('id', 'in', ids).execute();
}

/** Newest first; `before` continues an earlier page. */
export function listNotifications(
  db: Db,
  userId: string,
  page: { limit: number; before?: string },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before) query = query.where('id', '<', page.before);
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
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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

export function findEventsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/**
 * How many times a person opened the mail up to this event (its ordinal: "2nd time"): human and
 * proxy opens, inferred ones included; machines' fetches do not count.
 */
export async function countOpensUpTo(
  db: Db,
  recipientId: string,
  eventId: string,
): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipientId', '=', recipientId)
    .where('type', '=', 'open')
    .where('classification', 'in', ['human', 'proxy'])
    .where('id', '<=', eventId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertChatLineOnce(
  db: Db,
  row: {
    id: string;
    messageId: string;
    workspaceId: string;
    at: number;
    authorId: string | null;
    kind: 'tracking';
    text: string;
    data: string | null;
  },
): Promise<void> {
  await db
    .insertInto('chatLines')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export function findRecipientById(db: Db, id: string) {
  return db.selectFrom('recipients').selectAll().where('id', '=', id).executeTakeFirst();
}
