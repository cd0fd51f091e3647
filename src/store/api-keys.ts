import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';
import type { UserRow } from './users.js';

export interface ApiKeyTable {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  keyHash: string;
  last4: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewApiKeyRow = Insertable<ApiKeyTable>;

export async function insertApiKey(db: Db, row: NewApiKeyRow): Promise<ApiKeyRow> {
  await db.insertInto('apiKeys').values(row).execute();
  return { ...row, lastUsedAt: row.lastUsedAt ?? null, revokedAt: row.revokedAt ?? null };
}

export function listActiveApiKeys(db: Db, userId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('apiKeys')
    .selectAll()
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}

export function findActiveApiKey(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('apiKeys')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
}

/** The key's owner, when the hash belongs to a key that is not revoked. */
export async function findApiKeyOwner(
  db: Db,
  keyHash: string,
): Promise<{ keyId: string; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('apiKeys')
    .innerJoin('users', 'users.id', 'apiKeys.userId')
    .selectAll('users')
    .select('apiKeys.id as keyId')
    .where('apiKeys.keyHash', '=', keyHash)
    .where('apiKeys.revokedAt', 'is', null)
    .where('users.removedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { keyId, ...user } = row;
  return { keyId, user };
}

export async function markApiKeyUsed(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('apiKeys').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

export async function revokeApiKey(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('apiKeys').set({ revokedAt: at }).where('id', '=', id).execute();
}
