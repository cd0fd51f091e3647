import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';
import type { UserRow } from './users.js';

export interface SessionTable {
  /** The SHA-256 of the cookie's token: a stolen database yields no usable session. */
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}
export type SessionRow = Selectable<SessionTable>;
export type NewSessionRow = Insertable<SessionTable>;

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The user behind a live session, or undefined when it is unknown or expired. */
export function findSessionUser(db: Db, id: string, now: number): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expiresAt', '>', now)
    .where('users.removedAt', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/**
 * Ends the user's sessions, all of them or all but the one whose id is `keep` (the session that
 * changed the password stays open).
 */
export async function deleteUserSessions(db: Db, userId: string, keep?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (keep !== undefined) query = query.where('id', '!=', keep);
  await query.execute();
}

/** Deletes the sessions expired by `now` (epoch ms); returns how many went. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
