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
}
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  await db.insertInto('users').values(row).execute();
  return { ...row, language: row.language ?? DEFAULT_LANGUAGE };
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

export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export function listUsers(db: Db, workspaceId: string): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt')
    .execute();
}

export async function updateUserProfile(
  db: Db,
  id: string,
  profile: { name?: string; language?: Language },
): Promise<void> {
  if (profile.name === undefined && profile.language === undefined) return;
  await db.updateTable('users').set(profile).where('id', '=', id).execute();
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
    .orderBy('id')
    .execute();
}
