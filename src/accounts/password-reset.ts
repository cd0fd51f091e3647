import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import {
  claimPasswordReset,
  type Database,
  deleteUserSessions,
  findUsablePasswordReset,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  type UserRow,
  updateUserPassword,
  voidPasswordResets,
} from '../store/index.js';
import { HOUR_MS } from '../time-units.js';
import { hashNewPassword } from './passwords.js';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';

/** How long a reset link works: an hour (OWASP Forgot Password Cheat Sheet: short-lived). */
export const PASSWORD_RESET_TTL_MS = HOUR_MS;

export interface IssuedReset {
  readonly user: UserRow;
  /** The token for the link; only its SHA-256 is stored. Never log it. */
  readonly token: string;
}

/**
 * Makes a reset link for the live user with this address (case folded), at `now` (epoch ms):
 * a 256-bit random token, its hash stored, valid PASSWORD_RESET_TTL_MS, and every older link of
 * the user made void, so only the last one mailed works. Undefined when no live user has the
 * address (none, or removed): the caller answers the same either way (no enumeration, OWASP
 * Forgot Password Cheat Sheet).
 */
export async function issuePasswordReset(
  db: Kysely<Database>,
  email: string,
  now: number,
): Promise<IssuedReset | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user || user.removedAt !== null) return undefined;
  const token = newSecretToken();
  await db.transaction().execute(async (trx) => {
    await voidPasswordResets(trx, user.id, now);
    await insertPasswordReset(trx, {
      tokenHash: hashSecretToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt: now + PASSWORD_RESET_TTL_MS,
      usedAt: null,
    });
  });
  return { user, token };
}

/**
 * Sets a new password with a reset link's token at `now` (epoch ms) and returns the user. The
 * token is looked up by its hash (no comparison of secrets in our code, so no timing to read);
 * unknown, used, void or expired, or its user removed since: MB_ERR_RESET_TOKEN_INVALID. The new
 * password meets the rule (MB_ERR_WEAK_PASSWORD), checked and hashed before anything is written,
 * so a refused one leaves the link usable for a better one. Then, in one transaction, the link is
 * used up, the hash stored and every session of the user ended: whoever had the old password is
 * out. API keys stay: they are separate credentials, listed and revoked in Settings, and a
 * forgotten password says nothing about a script's key.
 */
export async function resetPassword(
  db: Kysely<Database>,
  token: string,
  newPassword: string,
  now: number,
): Promise<UserRow> {
  const tokenHash = hashSecretToken(token);
  const userId = await findUsablePasswordReset(db, tokenHash, now);
  const user = userId === undefined ? undefined : await findUserById(db, userId);
  if (!user || user.removedAt !== null) fail('MB_ERR_RESET_TOKEN_INVALID');
  const passwordHash = await hashNewPassword(newPassword, user.email);
  await db.transaction().execute(async (trx) => {
    // Claimed here, not at the lookup: a second request with the same link loses the race.
    if (!(await claimPasswordReset(trx, tokenHash, now))) fail('MB_ERR_RESET_TOKEN_INVALID');
    await updateUserPassword(trx, user.id, passwordHash);
    await deleteUserSessions(trx, user.id);
  });
  return user;
}
