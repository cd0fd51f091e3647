import { randomBytes } from 'node:crypto';

// A CSP nonce lets a page's own inline <style> (and the dev inbox's <script>) run and nothing
// else: fresh for each response, and of a form that is safe both inside an HTML attribute and
// in the Content-Security-Policy header.

/** A fresh nonce for one response: 16 random bytes, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

/** The nonce when it is base64 (or base64url) of a decent length; else throws, loudly. */
export function checkNonce(nonce: string): string {
  if (!NONCE.test(nonce)) {
    throw new TypeError('a page nonce is at least 16 base64 characters, fresh for each response');
  }
  return nonce;
}
