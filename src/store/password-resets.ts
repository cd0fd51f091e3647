import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

export interface PasswordResetTable {
  /** SHA-256 of the reset token; the token itself travels only in the mailed link. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** When the link was used, or made void by a newer one (epoch ms); null while it may be used. */
  usedAt: number | null;
}
export type PasswordResetRow = Selectable<PasswordResetTable>;
export type NewPasswordResetRow = Insertable<PasswordResetTable>;

export async function insertPasswordReset(db: Db, row: NewPasswordResetRow): Promise<void> {
  await db.insertInto('passwordResets').values(row).execute();
}

/** Makes void, at `at` (epoch ms), every link of the user not used yet: only the newest works. */
export async function voidPasswordResets(db: Db, userId: string, at: number): Promise<void> {
  await db
    .updateTable('passwordResets')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .execute();
}

/** The user id of the link with this token hash, if it may still be used at `now` (epoch ms). */
export async function findUsablePasswordReset(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('passwordResets')
    .select('userId')
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return row?.userId;
}

/**
 * Marks the link used at `now` (epoch ms); false when it may no longer be used (used or made
 * void meanwhile, or expired). One conditional update, so two requests cannot both claim it.
 */
export async function claimPasswordReset(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const claimed = await db
    .updateTable('passwordResets')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Deletes the links that can no longer be used (used, void or expired by `now`); how many went. */
export async function deleteSpentPasswordResets(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('passwordResets')
    .where((eb) => eb.or([eb('usedAt', 'is not', null), eb('expiresAt', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
