import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token (session, API key, invite): 256 bits, URL-safe, with an optional prefix. */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database keeps of a bearer token: its SHA-256, so a leaked table grants nothing. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
