/**
 * The body frame's policy (the brief's and the mail clients' reading of it): the document is
 * sandboxed even when opened on its own, runs nothing, and loads only images, styles and
 * fonts, from anywhere, as the recipient's client would.
 */
export const BODY_CSP = [
  'sandbox allow-popups allow-popups-to-escape-sandbox',
  "default-src 'none'",
  'img-src * data: cid:',
  "style-src 'unsafe-inline' *",
  'font-src * data:',
].join('; ');

/**
 * For the mail's parts and its source: whatever a sender declared them to be (text/html,
 * image/svg+xml with a script inside), opened in a tab they run nothing and reach no cookie.
 */
export const PART_CSP = "sandbox; default-src 'none'";

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** The part's declared type when it is a plain media type, else octet-stream. */
export function safeContentType(declared: string): string {
  const type = declared.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that takes any string a mail may hold (it throws on lone surrogates). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}

/** `Content-Disposition` with an ASCII fallback and the exact name in RFC 8187 form. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodePathSegment(filename).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
