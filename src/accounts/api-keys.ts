import { fail } from '../errors.js';
import {
  type ApiKeyRow,
  type Db,
  findActiveApiKey,
  findApiKeyOwner,
  insertApiKey,
  listActiveApiKeys,
  markApiKeyUsed,
  newId,
  revokeApiKey,
  type UserRow,
} from '../store/index.js';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';

const KEY_PREFIX = 'mb_';
/** Last-used times are written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey(
  db: Db,
  owner: UserRow,
  name: string,
): Promise<{ apiKey: ApiKeyRow; key: string }> {
  const key = newSecretToken(KEY_PREFIX);
  const apiKey = await insertApiKey(db, {
    id: newId(),
    workspaceId: owner.workspaceId,
    userId: owner.id,
    name: name.trim(),
    keyHash: hashSecretToken(key),
    last4: key.slice(-4),
    createdAt: Date.now(),
  });
  return { apiKey, key };
}

export function listApiKeys(db: Db, owner: UserRow): Promise<ApiKeyRow[]> {
  return listActiveApiKeys(db, owner.id);
}

/** Owners revoke their own keys; admins any key of their workspace. Others' keys are 404. */
export async function revokeKey(db: Db, actor: UserRow, id: string): Promise<void> {
  const key = await findActiveApiKey(db, actor.workspaceId, id);
  if (!key || (key.userId !== actor.id && actor.role !== 'admin')) fail('MB_ERR_NOT_FOUND');
  await revokeApiKey(db, id, Date.now());
}

const lastMarked = new Map<string, number>();

export async function userForApiKey(db: Db, key: string): Promise<UserRow | undefined> {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const found = await findApiKeyOwner(db, hashSecretToken(key));
  if (!found) return undefined;
  const now = Date.now();
  if (now - (lastMarked.get(found.keyId) ?? 0) > LAST_USED_RESOLUTION_MS) {
    lastMarked.set(found.keyId, now);
    await markApiKeyUsed(db, found.keyId, now);
  }
  return found.user;
}
