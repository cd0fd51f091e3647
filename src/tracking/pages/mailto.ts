// A mailto: URL per RFC 6068. The address keeps the characters its grammar allows unencoded
// (so clients that do not decode `%40` still see a plain address); the subject is fully
// percent-encoded, spaces as %20 (a `+` would stay a plus), so `?`, `&`, `#` and `=` in it can
// never end it early or add a header.

const ADDRESS_SAFE = /[A-Za-z0-9\-._~!$'()*+,;:@]/;

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

/**
 * `Re: <subject>` on one line; a subject that is already a reply is not prefixed again, and an
 * empty one stays empty.
 */
export function replySubject(subject: string): string {
  // Line breaks and other controls would become header folding in the reader's mail client.
  const line = subject
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line === '' || /^re:/i.test(line) ? line : `Re: ${line}`;
}

/** `mailto:` an address, nothing prefilled. */
export function mailtoAddress(address: string): string {
  return `mailto:${encodeAddress(address)}`;
}

/** `mailto:` the sender, with `Re: <subject>` prefilled. Escape it before putting it in `href`. */
export function mailtoUrl(address: string, subject: string): string {
  const reply = replySubject(subject);
  const query = reply ? `?subject=${encodeURIComponent(wellFormed(reply))}` : '';
  return `${mailtoAddress(address)}${query}`;
}
