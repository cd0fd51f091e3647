import type { Generated, Insertable, Selectable } from 'kysely';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.js';
import type { Db } from './database.js';

export type Role = 'admin' | 'member';

export interface UserTable {
  id: string;
  workspaceId: string;
  /** Stored lower-cased: one account per address, whatever its case. */
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  language: Generated<Language>;
  createdAt: number;
  /** When an admin removed them from the workspace (epoch ms): no sign-in, no notifications. */
  removedAt: Generated<number | null>;
  /**
   * The user's own default for the tracking switch of new messages: 1 on, 0 off, null follows
   * the workspace's `trackingDefault` setting.
   */
  trackingDefault: Generated<number | null>;
}
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  await db.insertInto('users').values(row).execute();
  return {
    ...row,
    language: row.language ?? DEFAULT_LANGUAGE,
    removedAt: row.removedAt ?? null,
    trackingDefault: row.trackingDefault ?? null,
  };
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Who sent a message, as the lists of messages name them. */
export type SenderRow = Pick<UserRow, 'id' | 'name' | 'email'>;

/** The workspace's users with these ids (removed ones included: their messages stay theirs). */
export async function findSenders(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, SenderRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The workspace's members (removed ones left out), oldest first. */
export function listUsers(db: Db, workspaceId: string): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('removedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}

export async function updateUserProfile(
  db: Db,
  id: string,
  profile: { name?: string; language?: Language; trackingDefault?: number | null },
): Promise<void> {
  if (Object.values(profile).every((value) => value === undefined)) return;
  await db.updateTable('users').set(profile).where('id', '=', id).execute();
}

/** Stores a new password hash (scrypt$…, see src/accounts/passwords.ts) for the user. */
export async function updateUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', id).execute();
}

/** The addresses of the users of these workspaces (stored lower-cased), by workspace. */
export async function listMemberEmails(
  db: Db,
  workspaceIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>(workspaceIds.map((id) => [id, new Set()]));
  if (workspaceIds.length === 0) return members;
  const rows = await db
    .selectFrom('users')
    .select(['workspaceId', 'email'])
    .where('workspaceId', 'in', workspaceIds)
    .where('removedAt', 'is', null)
    .execute();
  for (const row of rows) members.get(row.workspaceId)?.add(row.email);
  return members;
}

/** The workspace's admins, who hear about a subscription being disabled. */
export function listWorkspaceAdmins(db: Db, workspaceId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'language'])
    .where('workspaceId', '=', workspaceId)
    .where('role', '=', 'admin')
    .where('removedAt', 'is', null)
    .orderBy('id')
    .execute();
}

/**
 * Removes a member from their workspace at `at` (epoch ms), in `db`'s transaction: the row
 * stays (messages name their sender, the address stays taken) but their sessions go, their API
 * keys are revoked and they follow no message. Returns false when no such member was there.
 */
export async function markUserRemoved(db: Db, id: string, at: number): Promise<boolean> {
  const removed = await db
    .updateTable('users')
    .set({ removedAt: at })
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
  if (Number(removed.numUpdatedRows) === 0) return false;
  await db.deleteFrom('sessions').where('userId', '=', id).execute();
  await db
    .updateTable('apiKeys')
    .set({ revokedAt: at })
    .where('userId', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
  await db.deleteFrom('followers').where('userId', '=', id).execute();
  return true;
}
