import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';
import type { Role } from './users.js';

export interface InviteTable {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  /** SHA-256 of the invite token; the token travels only in the invite URL. */
  tokenHash: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}
export type InviteRow = Selectable<InviteTable>;
export type NewInviteRow = Insertable<InviteTable>;

export async function insertInvite(db: Db, row: NewInviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

export function findInviteByTokenHash(db: Db, tokenHash: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Marks the invite used; false when another signup used it first. */
export async function claimInvite(db: Db, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ usedAt: at })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes the invites that can no longer be used: used, or expired by `now` (epoch ms). Their
 * address is personal data with no purpose left. Returns how many went.
 */
export async function deleteSpentInvites(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('invites')
    .where((eb) => eb.or([eb('usedAt', 'is not', null), eb('expiresAt', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
