import { sql } from 'kysely';
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

/** Each message's followers who hear about it (not muted), with their language, by message id. */
export async function listListeningFollowersOf(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, { userId: string; language: string }[]>> {
  const found = new Map<string, { userId: string; language: string }[]>(
    messageIds.map((id) => [id, []]),
  );
  if (messageIds.length === 0) return found;
  const rows = await db
    .selectFrom('followers')
    .innerJoin('users', 'users.id', 'followers.userId')
    .select(['followers.messageId', 'users.id as userId', 'users.language'])
    .where('followers.messageId', 'in', messageIds)
    .where('followers.muted', '=', 0)
    .orderBy('followers.messageId')
    .orderBy('users.id')
    .execute();
  for (const row of rows) {
    found.get(row.messageId)?.push({ userId: row.userId, language: row.language });
  }
  return found;
}

export async function insertNotification(db: Db, row: NewNotificationRow): Promise<void> {
  await insertNotifications(db, [row]);
}

/** Inserts notifications, all in one statement. */
export async function insertNotifications(
  db: Db,
  rows: readonly NewNotificationRow[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('notifications')
      .values([...rows])
      .execute();
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
    .orderBy('at', 'desc')
    .execute();
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

/** Inserts chat lines in one statement; a line whose id exists already is left as it is. */
export async function insertChatLinesOnce(
  db: Db,
  rows: readonly {
    id: string;
    messageId: string;
    workspaceId: string;
    at: number;
    authorId: string | null;
    kind: 'tracking';
    text: string;
    data: string | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('chatLines')
    .values([...rows])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Recipients' names and addresses by id: who a notice speaks of. */
export async function findRecipientNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string | null; email: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('recipients')
    .select(['id', 'name', 'email'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}
