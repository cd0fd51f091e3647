import type { Kysely } from 'kysely';
import {
  type Database,
  type Db,
  findFollower,
  followMessage,
  insertChatLine,
  newId,
  setMuted,
  type UserRow,
  unfollowMessage,
} from '../store/index.js';
import { workspaceMessage } from './workspace-message.js';

export interface FollowState {
  readonly following: boolean;
  readonly muted: boolean;
}

export async function followState(db: Db, user: UserRow, messageId: string): Promise<FollowState> {
  const row = await findFollower(db, messageId, user.id);
  return { following: row !== undefined, muted: row?.muted === 1 };
}

export async function follow(db: Db, user: UserRow, messageId: string): Promise<FollowState> {
  await workspaceMessage(db, user.workspaceId, messageId);
  await followMessage(db, { messageId, userId: user.id, workspaceId: user.workspaceId });
  return followState(db, user, messageId);
}

export async function unfollow(db: Db, user: UserRow, messageId: string): Promise<FollowState> {
  await workspaceMessage(db, user.workspaceId, messageId);
  await unfollowMessage(db, messageId, user.id);
  return followState(db, user, messageId);
}

/**
 * "Disable tracking notifications" for oneself: the message's events are still recorded, shown
 * in its timeline and told to the other followers.
 */
export async function setOwnMute(
  db: Db,
  user: UserRow,
  messageId: string,
  muted: boolean,
): Promise<FollowState> {
  await workspaceMessage(db, user.workspaceId, messageId);
  await setMuted(db, { messageId, userId: user.id, workspaceId: user.workspaceId }, muted);
  return followState(db, user, messageId);
}

/** A team member's note in the message's chat. */
export async function postNote(
  db: Kysely<Database>,
  user: UserRow,
  messageId: string,
  text: string,
) {
  const message = await workspaceMessage(db, user.workspaceId, messageId);
  const at = Date.now();
  const line = {
    id: newId(at),
    messageId,
    workspaceId: message.workspaceId,
    at,
    authorId: user.id,
    kind: 'note' as const,
    text: text.trim(),
    data: null,
    fact: null,
  };
  await insertChatLine(db, line);
  return { ...line, authorName: user.name };
}
