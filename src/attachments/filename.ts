// How a file is named and typed on its way out: stored (safeFilename), served (safeContentType),
// offered for saving (contentDisposition). The one owner of each, for uploads, downloads and the
// dev inbox's parts alike.

import { fail } from '../errors.js';

// The three escapes of the HTML standard's multipart/form-data encoding algorithm (see
// decodeFormFilename); percent-encoding's hex digits are case-insensitive (RFC 3986 §2.1).
const FORM_ESCAPE = /%(22|0D|0A)/gi;
const FORM_LINE_BREAK = /%0[DA]/i;

/**
 * A file name safe to store, show and send: the last path segment only, no control characters
 * and nothing that shows nothing (format characters, bidi overrides among them, and the
 * default-ignorable code points: `invoice\u200Bfdp.exe`), no leading dots, at most 200
 * characters (the extension kept). Nothing left: "attachment".
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: single characters are tested, one at a time.
const JOINERS = /[\u200C\u200D\uFE00-\uFE0F]/u;

export function safeFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    .replace(/[\u0000-\u001F\u007F-\u009F]/gu, '')
    // What Persian, Indic scripts and emoji need (ZWNJ, ZWJ, variation selectors) stays.
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, (c) => (JOINERS.test(c) ? c : ''))
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '');
  if (!cleaned) return 'attachment';
  const chars = [...cleaned];
  if (chars.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)].slice(0, 20).join('') : '';
  return chars.slice(0, 200 - [...extension].length).join('') + extension;
}

/**
 * A file name as a browser writes it into a multipart/form-data body, decoded. The HTML
 * standard's multipart/form-data encoding algorithm (§4.10.21.8 "Multipart form data", since
 * whatwg/html#6282) escapes exactly three bytes of a file name, `"` as `%22`, CR as `%0D` and LF
 * as `%0A`, and says the user agent "must not perform any other escapes"; Chromium, WebKit and
 * Firefox (since 90, bug 1686765) do so. So exactly those three are decoded, and any other `%xx`
 * is the name's own text (`%41` stays `%41`; `%` itself is never escaped, so a name that really
 * was `%22.txt` comes back as `".txt`: the standard's own ambiguity). Returns the decoded name,
 * to be passed through safeFilename like any other. Throws MB_ERR_VALIDATION (400) for an encoded
 * CR or LF: no file a person picked has a line break in its name, so it is a forged request.
 */
export function decodeFormFilename(raw: string): string {
  if (FORM_LINE_BREAK.test(raw)) {
    fail('MB_ERR_VALIDATION', 'The file name holds a line break (%0D or %0A)');
  }
  return raw.replace(FORM_ESCAPE, '"');
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The declared media type when it is one (parameters dropped), else application/octet-stream. */
export function safeContentType(raw: string | undefined): string {
  const type = raw?.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

/**
 * `Content-Disposition` with an ASCII `filename` for old clients (anything else, quotes,
 * backslashes and `%` become `_`) and the exact name in RFC 8187's `filename*` (UTF-8,
 * percent-encoded; a lone surrogate, which encodeURIComponent throws on, becomes U+FFFD).
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename.toWellFormed()).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
