import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keyring/index.js';

/** What a dev SMTP login's user name starts with; the workspace's id follows. */
const USER_PREFIX = 'workspace.';

export interface DevInboxLogin {
  readonly username: string;
  readonly password: string;
}

function passwordFor(key: Buffer, workspaceId: string): string {
  return createHmac('sha256', key).update(workspaceId).digest('base64url');
}

/**
 * The dev SMTP login that files a mail under `workspaceId`: user `workspace.<id>`, password an
 * HMAC of the id under the installation's secret, so only this service (every node: they share
 * the secret) can claim a workspace, and another program sending to the port cannot.
 */
export function devInboxLogin(keyring: Keyring, workspaceId: string): DevInboxLogin {
  return {
    username: `${USER_PREFIX}${workspaceId}`,
    password: passwordFor(keyring.current('dev-inbox-login').key, workspaceId),
  };
}

/**
 * The workspace a dev SMTP login proves, or undefined for a login that proves none. Every key
 * of the keyring verifies (a rotated secret's mail still in the outbox keeps its workspace);
 * compared in constant time.
 */
export function workspaceOfLogin(
  keyring: Keyring,
  username: string,
  password: string,
): string | undefined {
  if (!username.startsWith(USER_PREFIX)) return undefined;
  const workspaceId = username.slice(USER_PREFIX.length);
  const given = Buffer.from(password);
  for (const { key } of keyring.all('dev-inbox-login')) {
    const expected = Buffer.from(passwordFor(key, workspaceId));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return workspaceId;
  }
  return undefined;
}
