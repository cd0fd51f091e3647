import LinkifyIt from 'linkify-it';
import { containsPlaceholder, placeholderAt } from './placeholders.js';

export interface TextUrl {
  start: number;
  end: number;
  url: string;
}

/**
 * linkify-it (the markdown-it project's linkifier) finds where a URL starts and how far its
 * characters run, with the brackets and ASCII punctuation of a sentence around it. Only links
 * written with their scheme count: a bare `example.com` in a mail is text, not ours to rewrite.
 */
const linkify = new LinkifyIt().set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

const SCHEME = /https?:\/\//giu;
/**
 * What may touch a URL's scheme from the left: anything but a letter, digit or underscore of a
 * script that separates words with spaces (`xhttps://` is not a URL), and any letter of a script
 * that does not (`请看https://…`, `詳細はhttps://…`).
 */
const GLUED_WORD = /[\p{L}\p{N}_]/u;
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/**
 * Where a reader sees a URL end although linkify-it runs on: punctuation, spaces and symbols
 * beyond ASCII (`。`, `、`, `，`, `！`, `）`, `」`, `“`, `»`, `،`, `…`, U+3000). A URL's own
 * non-ASCII characters are letters, marks and digits (`/wiki/東京`, `/정보`, `/عرض`); the
 * punctuation of any script there is percent-encoded by whoever wrote the link.
 */
const ENDS_URL = /[^\p{ASCII}\p{L}\p{M}\p{N}]/u;
const ENDS_GLUED_URL = new RegExp(`${ENDS_URL.source}|${UNSPACED_SCRIPT.source}`, 'u');
/** ASCII punctuation that ends a sentence rather than the URL before it. */
const TRAILING_PUNCTUATION = new Set([...'.,;:!?\'*~"`']);
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

/**
 * The URL that starts at `start` of `text` as a reader sees it, or undefined for none. `glued`:
 * the URL touches a letter of a script written without spaces on its left (`詳細はhttps://…`);
 * its writer separated nothing, so the first such letter on its right ends it too
 * (`…/bへ。` → `…/b`), where a URL set apart keeps them (`https://ja.wikipedia.org/wiki/東京`).
 */
function urlAt(text: string, start: number, glued: boolean): string | undefined {
  const match = linkify.matchAtStart(text.slice(start));
  if (!match || (match.schema !== 'http:' && match.schema !== 'https:')) return undefined;
  let url = text.slice(start, start + match.lastIndex);
  const cut = url.search(glued ? ENDS_GLUED_URL : ENDS_URL);
  if (cut >= 0) url = url.slice(0, cut);
  url = trimTrailing(url);
  // Nothing left after the scheme (`https://。`): no link.
  return /^https?:\/\/[^/?#]/iu.test(url) ? url : undefined;
}

/**
 * The http(s) URLs of a text part, in order, ending where a reader sees them end in any script,
 * leaving out any that holds or meets a template placeholder (src/mail/instrument/placeholders.ts).
 */
export function findTextUrls(text: string): TextUrl[] {
  const found: TextUrl[] = [];
  let after = 0;
  for (const match of text.matchAll(SCHEME)) {
    const start = match.index;
    if (start < after) continue;
    const before = text[start - 1];
    const glued = before !== undefined && UNSPACED_SCRIPT.test(before);
    if (before && GLUED_WORD.test(before) && !glued) continue;
    const url = urlAt(text, start, glued);
    if (url === undefined) continue;
    const end = start + url.length;
    after = end;
    if (containsPlaceholder(url) || placeholderAt(text, end)) continue;
    found.push({ start, end, url });
  }
  return found;
}
