/**
 * The installation's secrets: where they come from and the keys derived from them.
 *
 * `SECRET` may list several secrets, newest first: the first signs, all verify, so a rotated
 * secret keeps mail sent earlier working. When `SECRET` is unset one is generated once: into
 * `DATA_DIR/secret` (mode 0600) on SQLite, into the database on PostgreSQL so every node shares it.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { putInstanceSettingOnce, type Store } from '../store/index.js';

export type KeyPurpose =
  | 'session'
  | 'tracking-token'
  | 'smtp-password'
  | 'webhook'
  | 'dev-inbox-login';

export interface SigningKey {
  /** Short public id of the secret the key comes from, carried by tokens to pick the key. */
  readonly id: string;
  readonly key: Buffer;
}

export interface Keyring {
  /** The key that signs, from the newest secret. */
  current(purpose: KeyPurpose): SigningKey;
  /** Every key that may verify, newest first. */
  all(purpose: KeyPurpose): readonly SigningKey[];
}

export function createKeyring(secrets: readonly string[]): Keyring {
  if (secrets.length === 0) throw new Error('a keyring needs at least one secret');
  const cache = new Map<KeyPurpose, SigningKey[]>();
  const all = (purpose: KeyPurpose): SigningKey[] => {
    let keys = cache.get(purpose);
    if (!keys) {
      keys = secrets.map((secret) => ({
        id: keyId(secret),
        key: Buffer.from(hkdfSync('sha256', secret, 'mailbeacon', purpose, 32)),
      }));
      cache.set(purpose, keys);
    }
    return keys;
  };
  return { all, current: (purpose) => all(purpose)[0]! };
}

/** Two base64url characters from the secret's hash: enough to tell rotated secrets apart. */
function keyId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 2);
}

const SECRET_FILE = 'secret';
const SECRET_SETTING = 'secret';

export async function loadSecrets(config: Config, store: Store): Promise<readonly string[]> {
  if (config.secrets) return config.secrets;
  const fresh = randomBytes(32).toString('base64url');
  if (store.engine === 'postgres') {
    return [await putInstanceSettingOnce(store.db, SECRET_SETTING, fresh)];
  }
  return [secretFromFile(config.dataDir, fresh)];
}

function secretFromFile(dataDir: string, fresh: string): string {
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when the file exists: two processes starting at once never overwrite each other.
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < 32) throw new Error(`${file} holds no usable secret; delete it to make one`);
  return stored;
}
