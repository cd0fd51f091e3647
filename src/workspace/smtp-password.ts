/**
 * The workspace relay's SMTP password, encrypted at rest with AES-256-GCM under a key derived
 * from SECRET. The stored form names the key (`v1.<key id>.<iv>.<ciphertext>.<tag>`), so after
 * SECRET rotates the old key still decrypts it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../keyring/index.js';

export function encryptSmtpPassword(keyring: Keyring, password: string): string {
  const { id, key } = keyring.current('smtp-password');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return ['v1', id, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The password, or undefined when no key of the keyring opens it (SECRET was replaced). */
export function decryptSmtpPassword(keyring: Keyring, stored: string): string | undefined {
  const [version, keyId, iv, ciphertext, tag] = stored.split('.');
  if (version !== 'v1' || !keyId || !iv || !ciphertext || !tag) return undefined;
  for (const candidate of keyring.all('smtp-password')) {
    if (candidate.id !== keyId) continue;
    try {
      const decipher = createDecipheriv('aes-256-gcm', candidate.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // Another key with the same id, or tampered data: try the next.
    }
  }
  return undefined;
}
