import { fail } from '../errors.js';
import {
  type Db,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  insertSession,
  type UserRow,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';

/** The name of the cookie that carries a session token (the web app's login). */
export const SESSION_COOKIE = 'mb_session';

export const SESSION_TTL_MS = 30 * DAY_MS;

export interface OpenedSession {
  readonly user: UserRow;
  /** The cookie's value; only its hash is stored. */
  readonly token: string;
  readonly expiresAt: number;
}

/** Checks the password; an unknown email costs the same time as a wrong password. */
export async function checkCredentials(db: Db, email: string, password: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  // A removed member is refused like a wrong password: the answer tells a guesser nothing.
  if (!user || !valid || user.removedAt !== null) fail('MB_ERR_INVALID_CREDENTIALS');
  return user;
}

export async function openSession(db: Db, user: UserRow): Promise<OpenedSession> {
  const token = newSecretToken();
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, {
    id: hashSecretToken(token),
    userId: user.id,
    createdAt: now,
    expiresAt,
  });
  return { user, token, expiresAt };
}

export function userForSession(db: Db, token: string): Promise<UserRow | undefined> {
  return findSessionUser(db, hashSecretToken(token), Date.now());
}

export function closeSession(db: Db, token: string): Promise<void> {
  return deleteSession(db, hashSecretToken(token));
}
