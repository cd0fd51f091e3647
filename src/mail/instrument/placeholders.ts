/**
 * Template placeholders in URLs: a link that holds one is filled in later by someone else (a
 * CRM's merge, a sending tool's mail merge, a template engine), so it is not ours to rewrite;
 * rewriting it would freeze the placeholder into the redirect. Each rule is a kind, not a list
 * of tools:
 *
 * - braces anywhere: `{…}`, `{{…}}`, `{%…%}`, `${…}`, `{$…}` (Handlebars, Liquid, Jinja,
 *   Mautic's `{contactfield=id}`, `https://{product}.example.org`). RFC 3986 has no place for a
 *   raw brace in a URL, so a brace is always someone's syntax;
 * - `*|…|*` (Mailchimp), `%%…%%` (Salesforce Marketing Cloud), `<%…%>` (ERB, ASP), `[[…]]`;
 * - `%name%` (`%recipient.id%`, Mailgun and many PHP tools): a percent sign, a name, a percent
 *   sign, where a percent-escape would have two hex digits (`%20`, `%E2%80%99` stay URLs);
 * - `[…]` as a host's label or as a whole parameter value (`https://[shop].example.org`,
 *   `?id=[ID]`), but not an IPv6 host (`http://[2001:db8::1]/`) nor a key's index (`?f[0]=a`);
 * - the same openings percent-encoded, as editors leave them in hrefs (`%7B…%7D` around a name,
 *   `%7B%7B`, `%2A%7C`, `%25%25`, `%5B%5B`, `%24%7B`, `%3C%25`).
 */
const OPENING =
  '[{}]|\\*\\||%%|\\[\\[|<%|%7B%7B|%7B%25|%2A%7C|%25%25|%5B%5B|%24%7B|%3C%25|%7B[\\w.=:-]+%7D';
/** `%name%` whose closing sign does not start a percent-escape. */
const PERCENT_NAME = '%[A-Za-z_][\\w.-]*%(?![0-9A-Fa-f]{2})';
/** A bracketed host label: `//[shop].`, `//x.[shop]/`, unless it is an IPv6 literal. */
const BRACKET_LABEL =
  '(?://|\\.)(?:\\[|%5B)(?![0-9A-Fa-f:.]*(?:\\]|%5D)(?:[:/?#]|$))[^\\]/?#]*(?:\\]|%5D)';
/** A whole parameter value in brackets: `=[ID]` up to `&`, `#` or the end. */
const BRACKET_VALUE = '=(?:\\[|%5B)[^\\]&#]*(?:\\]|%5D)(?=[&#;]|$)';

const ANYWHERE = new RegExp(`${OPENING}|${PERCENT_NAME}|${BRACKET_LABEL}|${BRACKET_VALUE}`, 'iu');
const AT_START = new RegExp(`^(?:${OPENING}|${PERCENT_NAME}|${BRACKET_LABEL})`, 'iu');

/** Whether a URL (an href, a URL in text) holds a template placeholder of any kind above. */
export function containsPlaceholder(value: string): boolean {
  return ANYWHERE.test(value);
}

/** Whether a placeholder opens at `index` of `text` (right after a URL, in a text part). */
export function placeholderAt(text: string, index: number): boolean {
  return AT_START.test(text.slice(index, index + 40));
}
