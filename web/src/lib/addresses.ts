import type { Address } from './types';

// What the server accepts is the rule (RFC 5321/5322, IDN); this only catches typos early.
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/u;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** One typed or pasted entry: `mario@x.it`, `Mario Rossi <mario@x.it>`, `"Rossi, M" <m@x.it>`. */
export function parseAddress(raw: string): Address | null {
  const text = raw.trim();
  if (!text) return null;
  const angled = /^(.*?)<([^<>]+)>\s*$/.exec(text);
  if (angled) {
    const name = angled[1]!
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    return { email: angled[2]!.trim(), ...(name ? { name } : {}) };
  }
  return { email: text.replace(/^mailto:/i, '') };
}

/** Splits pasted text on commas, semicolons and new lines, keeping quoted names whole. */
export function splitAddresses(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<') angled = true;
    else if (char === '>') angled = false;
    if (!quoted && !angled && /[,;\n]/.test(char)) {
      if (current.trim()) parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/**
 * An address's comparison key as the server makes it (src/mail/address-key.ts): the local part
 * NFC-normalised and fully case-folded (`ẞ`, `ß` and `SS` alike), the domain in IDNA ASCII (the
 * browser's URL parser applies the same UTS #46 mapping as the server's `domainToASCII`).
 */
export function addressKey(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, Math.max(at, 0));
  const folded = local.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
  return `${folded}@${domainKey(trimmed.slice(at + 1))}`;
}

function domainKey(domain: string): string {
  try {
    return new URL(`http://${domain.replace(/\.$/, '')}/`).hostname;
  } catch {
    return domain.toLowerCase();
  }
}

/**
 * Whether the do-not-track list names this address or its exact domain (`@bank.it`): the list's
 * entries are the server's keys, and the address is keyed the same way.
 */
export function onDoNotTrack(email: string, entries: readonly string[]): boolean {
  const key = addressKey(email);
  const domain = key.slice(key.lastIndexOf('@'));
  return entries.some((entry) => entry === key || entry === domain);
}
