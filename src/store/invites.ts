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

/** A pending invite as an admin sees it: who invited whom, as what, until when. */
export interface PendingInvite {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly invitedBy: { readonly id: string; readonly name: string };
}

/** The workspace's invites not used and not expired by `now` (epoch ms), newest first. */
export async function listPendingInvites(
  db: Db,
  workspaceId: string,
  now: number,
): Promise<PendingInvite[]> {
  const rows = await db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.createdBy')
    .select([
      'invites.id',
      'invites.email',
      'invites.role',
      'invites.createdAt',
      'invites.expiresAt',
      'users.id as userId',
      'users.name as userName',
    ])
    .where('invites.workspaceId', '=', workspaceId)
    .where('invites.usedAt', 'is', null)
    .where('invites.expiresAt', '>', now)
    .orderBy('invites.createdAt', 'desc')
    .orderBy('invites.id', 'desc')
    .execute();
  return rows.map(({ userId, userName, ...invite }) => ({
    ...invite,
    invitedBy: { id: userId, name: userName },
  }));
}

/**
 * Deletes the workspace's pending invites (not used, not expired by `now`) that `which` names:
 * one by id, or every one for an address (lowercase). Returns how many went.
 */
export async function deletePendingInvites(
  db: Db,
  workspaceId: string,
  which: { readonly id: string } | { readonly email: string },
  now: number,
): Promise<number> {
  const result = await db
    .deleteFrom('invites')
    .where('workspaceId', '=', workspaceId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .where((eb) => ('id' in which ? eb('id', '=', which.id) : eb('email', '=', which.email)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
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
