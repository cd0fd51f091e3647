// A mailto: URL per RFC 6068. The address keeps the characters its grammar allows unencoded
// (so clients that do not decode `%40` still see a plain address); the subject is fully
// percent-encoded, spaces as %20 (a `+` would stay a plus), so `?`, `&`, `#` and `=` in it can
// never end it early or add a header.

import { LANGUAGES, type Language, wording } from '../../i18n/index.js';

const ADDRESS_SAFE = /[A-Za-z0-9\-._~!$'()*+,;:@]/;

/** Every language's reply prefix (`re:`, `r:`): a subject that starts with one is a reply. */
const REPLY_PREFIXES = LANGUAGES.map((language) =>
  wording(language).pages.replyPrefix.trim().toLowerCase(),
);

function encodeAddress(address: string): string {
  return Array.from(wellFormed(address.trim()), (character) =>
    ADDRESS_SAFE.test(character) ? character : encodeURIComponent(character),
  ).join('');
}

/** encodeURIComponent throws on a lone surrogate; one in a subject becomes U+FFFD instead. */
function wellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function isReply(line: string): boolean {
  const lower = line.toLowerCase();
  return REPLY_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The language's reply prefix and `subject` on one line (`Re: Quote`, `R: Preventivo`); a
 * subject that is already a reply, in any language we write, is not prefixed again, and an
 * empty one stays empty.
 */
export function replySubject(subject: string, language: Language): string {
  // Line breaks and other controls would become header folding in the reader's mail client.
  const line = subject
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line === '' || isReply(line) ? line : `${wording(language).pages.replyPrefix}${line}`;
}

/** `mailto:` an address, nothing prefilled. */
export function mailtoAddress(address: string): string {
  return `mailto:${encodeAddress(address)}`;
}

/**
 * `mailto:` the sender, with the reply's subject (replySubject) prefilled. Escape it before
 * putting it in `href`.
 */
export function mailtoUrl(address: string, subject: string, language: Language): string {
  const reply = replySubject(subject, language);
  const query = reply ? `?subject=${encodeURIComponent(wellFormed(reply))}` : '';
  return `${mailtoAddress(address)}${query}`;
}
