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
/** Letters of scripts written without spaces between words, and Hangul, whose particles glue. */
const GLUING_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/**
 * What may touch a URL's scheme from the left: anything but a letter or digit of a script that
 * separates words with spaces (`xhttps://` is not a URL); a letter of a gluing script may
 * (`请看https://…`, `詳細はhttps://…`), and so may Markdown's `_` and `*` (`_https://…_`).
 */
const GLUED_WORD = /[\p{L}\p{N}]/u;
/**
 * Where a reader sees a URL end although linkify-it runs on:
 * - punctuation, spaces and symbols beyond ASCII (`。`, `、`, `，`, `！`, `）`, `」`, `“`, `»`,
 *   `،`, `…`, U+3000): a URL's own non-ASCII characters are letters, marks and digits
 *   (`/wiki/東京`, `/정보`, `/عرض`); punctuation there is percent-encoded by whoever wrote it;
 * - a letter of a gluing script right after an ASCII letter or digit (`…/info谢谢`,
 *   `www.example.cn了解更多`, `…kr에서`, `…/infoขอบคุณ`): the sentence goes on without a space,
 *   where a path segment of such letters starts after `/` (`/wiki/東京`);
 * - hiragana anywhere: Japanese particles and endings (`/wiki/東京を参照` → `/wiki/東京`); a
 *   path of hiragana alone is cut too, a price paid for every sentence that glues a particle;
 * - a second URL joined by ASCII punctuation (`https://a.example/x,https://b.example/y`).
 */
const ENDS_URL = new RegExp(
  [
    '[^\\p{ASCII}\\p{L}\\p{M}\\p{N}]',
    `(?<=[A-Za-z0-9])${GLUING_SCRIPT.source}`,
    '\\p{Script=Hiragana}',
    '[,;|.&](?=https?://)',
  ].join('|'),
  'iu',
);
/** An IPv6 literal host, which linkify-it does not read: `http://[2001:db8::1]:8080/`. */
const IPV6_HOST = /^(https?:\/\/)(\[[0-9A-Fa-f:.]+\])/iu;
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

/** How far linkify-it reads a URL from the start of `rest`; undefined when it sees none. */
function linkifiedLength(rest: string): number | undefined {
  // An IPv6 host is read as a name of the same length, then put back.
  const v6 = IPV6_HOST.exec(rest);
  const probe = v6 ? v6[1] + 'h'.repeat(v6[2]!.length) + rest.slice(v6[0].length) : rest;
  const match = linkify.matchAtStart(probe);
  if (!match || (match.schema !== 'http:' && match.schema !== 'https:')) return undefined;
  return match.lastIndex;
}

/**
 * The URL that starts at `start` of `text` as a reader sees it, or undefined for none.
 * `wrapper`: Markdown's `_` or `*` just before it, whose twin after it is not the URL's.
 */
function urlAt(text: string, start: number, wrapper: string | undefined): string | undefined {
  const length = linkifiedLength(text.slice(start));
  if (length === undefined) return undefined;
  let url = text.slice(start, start + length);
  const cut = url.search(ENDS_URL);
  if (cut >= 0) url = url.slice(0, cut);
  url = trimTrailing(url);
  if (wrapper) url = trimTrailing(url.replace(new RegExp(`[${wrapper}]+$`, 'u'), ''));
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
    if (before && GLUED_WORD.test(before) && !GLUING_SCRIPT.test(before)) continue;
    const url = urlAt(text, start, before === '_' || before === '*' ? before : undefined);
    if (url === undefined) continue;
    const end = start + url.length;
    after = end;
    if (containsPlaceholder(url) || placeholderAt(text, end)) continue;
    found.push({ start, end, url });
  }
  return found;
}
