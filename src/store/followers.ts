import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/** Who follows a message: its notifications go to them, unless they muted it. */
export interface FollowerTable {
  messageId: string;
  userId: string;
  workspaceId: string;
  /** The follower's own switch: muted, they get no notifications for this message. */
  muted: number;
  createdAt: number;
}
export type FollowerRow = Selectable<FollowerTable>;

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

/**
 * Each message's followers who hear about it (not muted), with their language, by message id:
 * followers, joined to users for the language.
 */
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
