import { containsPlaceholder, placeholderAt } from './placeholders.js';

export interface TextUrl {
  start: number;
  end: number;
  url: string;
}

// A URL in text runs to the next space or a character that cannot be in one unescaped and that
// writers use to delimit it: <https://…>, "https://…".
const CANDIDATE = /https?:\/\/[^\s<>"`]+/gi;
const TRAILING_PUNCTUATION = new Set([...".,;:!?'*~…’”»"]);
const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, character: string): number {
  let total = 0;
  for (const each of text) if (each === character) total++;
  return total;
}

/** Drops what ends a sentence rather than the URL: `https://x.example/a).` → `https://x.example/a`. */
function trimTrailing(url: string): string {
  // Bracket balances are counted once and kept up to date, so a long run of `)` stays linear.
  const unmatched = new Map<string, number>();
  for (const [closing, opening] of Object.entries(PAIRS)) {
    unmatched.set(closing, count(url, closing) - count(url, opening));
  }
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1]!;
    const excess = unmatched.get(last);
    // A closing bracket stays when the URL opened it, as in wiki links: …/Foo_(bar)
    if (excess !== undefined && excess > 0) {
      unmatched.set(last, excess - 1);
    } else if (!TRAILING_PUNCTUATION.has(last)) {
      break;
    }
    end--;
  }
  return url.slice(0, end);
}

/** The http(s) URLs of a text part, in order, leaving out any that holds or meets a placeholder. */
export function findTextUrls(text: string): TextUrl[] {
  const found: TextUrl[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    // Part of a longer word (`xhttp://`) is not a URL.
    if (start > 0 && /[\p{L}\p{N}_]/u.test(text[start - 1]!)) continue;
    const candidate = match[0];
    if (containsPlaceholder(candidate) || placeholderAt(text, start + candidate.length)) continue;
    const url = trimTrailing(candidate);
    found.push({ start, end: start + url.length, url });
  }
  return found;
}
