import type { Address } from './mail-copy.js';

// RFC 5322 `specials` (and whitespace at the edges): a display name holding any of them must
// be a quoted string, or "Rossi, Mario" would read as two mailboxes.
const NEEDS_QUOTES = /[()<>[\]:;@\\,."]|^\s|\s$/;

/**
 * Formats an address for people and logs: `"Rossi, Mario" <mario@example.com>`,
 * `Zoë <zoe@example.com>`, or the bare address when there is no name. Non-ASCII stays as it
 * is (RFC 6532 style); streamMime does its own RFC 2047 encoding for the headers it writes.
 */
export function formatAddress(address: Address): string {
  const name = address.name?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return address.email;
  const display = NEEDS_QUOTES.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${display} <${address.email}>`;
}
