import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import {
  type Database,
  deleteUserSessions,
  findUserById,
  type UserRow,
  updateUserPassword,
} from '../store/index.js';
import { hashNewPassword, verifyPassword } from './passwords.js';
import { hashSecretToken } from './secret-tokens.js';

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
  /** The session token the change came with: that session stays open, every other one ends. */
  readonly keepSession: string;
}

/**
 * A logged-in user changes their own password. The current one is asked for (NIST SP 800-63B
 * §5.1.1.2 / OWASP: a stolen session alone must not take the account): wrong, it raises
 * MB_ERR_WRONG_PASSWORD, which the caller counts like a failed login. The new one meets the
 * password rule (MB_ERR_WEAK_PASSWORD). Then, in one transaction, the hash is stored and every
 * other session of the user ends, so whoever else was logged in with the old password is out;
 * API keys stay (they are not derived from the password, and are revoked one by one).
 */
export async function changePassword(
  db: Kysely<Database>,
  user: UserRow,
  change: PasswordChange,
): Promise<void> {
  // The row the principal was read with may be a request old; the hash is read fresh.
  const current = await findUserById(db, user.id);
  if (!current || current.removedAt !== null) fail('MB_ERR_UNAUTHENTICATED');
  if (!(await verifyPassword(change.currentPassword, current.passwordHash))) {
    fail('MB_ERR_WRONG_PASSWORD');
  }
  const passwordHash = await hashNewPassword(change.newPassword, current.email);
  await db.transaction().execute(async (trx) => {
    await updateUserPassword(trx, user.id, passwordHash);
    await deleteUserSessions(trx, user.id, hashSecretToken(change.keepSession));
  });
}
