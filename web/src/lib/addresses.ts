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

/** Whether the do-not-track list names this address or its exact domain (`@bank.it`), as the server matches. */
export function onDoNotTrack(email: string, entries: readonly string[]): boolean {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@'));
  return entries.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('@') ? domain === e : e === address;
  });
}
