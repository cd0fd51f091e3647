/**
 * Template placeholders in URLs: a link that holds one is filled in later by someone else (a
 * CRM's merge, a sending tool's mail merge, a template engine), so it is not ours to rewrite;
 * rewriting it would freeze the placeholder into the redirect. Each rule is a kind, not a list
 * of tools:
 *
 * - braces anywhere: `{…}`, `{{…}}`, `{%…%}`, `${…}`, `{$…}` (Handlebars, Liquid, Jinja,
 *   Mautic's `{contactfield=id}`, `https://{product}.example.org`). RFC 3986 has no place for a
 *   raw brace in a URL, so a brace is always someone's syntax;
 * - `*|…|*` (Mailchimp), `%%…%%` (Salesforce Marketing Cloud), `<%…%>` (ERB, ASP), `<?…?>`
 *   (PHP), `[[…]]`;
 * - `%name%` (`%recipient.id%`, Mailgun and many PHP tools), see containsPercentName;
 * - `[…]` as a host's label or as a whole parameter value (`https://[shop].example.org`,
 *   `?id=[ID]`, `?id=[% id %]`), but not an IPv6 host (`http://[2001:db8::1]/`) nor a key's
 *   index (`?f[0]=a`);
 * - the same percent-encoded, as editors leave them in hrefs (`%7B…%7D` around a name,
 *   `%7B%7B`, `%2A%7C`, `%25%25`, `%25name%25`, `%5B%5B`, `%24%7B`, `%3C%25`, `%3C%3F`).
 */
const OPENING =
  '\\{|\\*\\||%%|\\[\\[|<%|<\\?|%7B%7B|%7B%25|%2A%7C|%25%25|%5B%5B|%24%7B|%3C%25|%3C%3F';
/** Braces anywhere (a closing one too: `https://x.example/a}` is a brace a URL cannot hold). */
const BRACES = '[{}]|%7B(?:[\\w.=:-]|%20)+%7D';
/** A bracketed host label: `//[shop].`, `//x.[shop]/`, unless it is an IPv6 literal. */
const BRACKET_LABEL =
  '(?://|\\.)(?:\\[|%5B)(?![0-9A-Fa-f:.]*(?:\\]|%5D)(?:[:/?#]|$))[^\\]/?#]*(?:\\]|%5D)';
/** A whole parameter value in brackets: `=[ID]` up to `&`, `#` or the end. */
const BRACKET_VALUE = '=(?:\\[|%5B)[^\\]&#]*(?:\\]|%5D)(?=[&#;]|$)';
/** `%name%` percent-encoded: `%25email%25`. */
const ENCODED_PERCENT_NAME = '%25[A-Za-z_][\\w.-]*%25';

const ANYWHERE = new RegExp(
  `${OPENING}|${BRACES}|${BRACKET_LABEL}|${BRACKET_VALUE}|${ENCODED_PERCENT_NAME}`,
  'iu',
);
/** What opens a placeholder right after a URL in text, where the linkifier stopped before it. */
const AT_START = new RegExp(`^(?:${OPENING}|${BRACKET_LABEL})`, 'iu');
/** A bracketed value with spaces (`[% email %]`, `[ ID ]`), which the linkifier leaves out. */
const BRACKETED_AT_START = /^\[[^\]\n]{0,40}\]/u;

const HEX = /^[0-9A-Fa-f]{2}/;
const PERCENT_NAME = /%([A-Za-z_][\w.-]*)%/g;

/**
 * `%name%` (`%recipient.id%`, `%FIRSTNAME%`): a name with a letter that is not a hex digit,
 * between two percent signs of which at least one starts no percent-escape (RFC 3986 §2.1: an
 * escape is `%` and two hex digits). So `%E2%82%AC%`, `caf%C3%A9t%20` and `%20` stay URLs.
 */
function containsPercentName(value: string): boolean {
  for (const match of value.matchAll(PERCENT_NAME)) {
    const name = match[1]!;
    if (/^[0-9A-Fa-f]*$/.test(name)) continue;
    const opening = match.index;
    const closing = opening + name.length + 1;
    const rawOpening = !HEX.test(value.slice(opening + 1, opening + 3));
    const rawClosing = !HEX.test(value.slice(closing + 1, closing + 3));
    if (rawOpening || rawClosing) return true;
  }
  return false;
}

/** Whether a URL (an href, a URL in text) holds a template placeholder of any kind above. */
export function containsPlaceholder(value: string): boolean {
  return ANYWHERE.test(value) || containsPercentName(value);
}

/**
 * Whether a placeholder opens at `index` of `text`, right after a URL of a text part: an
 * opening, or a bracketed value when the URL ends with `=` (`?email=[% email %]`).
 */
export function placeholderAt(text: string, index: number): boolean {
  const next = text.slice(index, index + 44);
  if (AT_START.test(next)) return true;
  return text[index - 1] === '=' && BRACKETED_AT_START.test(next);
}
