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

/** encodeURIComponent that takes any string a mail may hold (it throws on lone surrogates). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}
