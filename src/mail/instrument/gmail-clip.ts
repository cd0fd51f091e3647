/**
 * Gmail shows only the first ~102 KB of a mail's html and hides the rest behind "[Message
 * clipped] View entire message" (Google's Gmail help, "Messages are clipped" — the figure
 * senders measure is 102 KB; Litmus and Email on Acid give the same). An open pixel past the
 * clip is never loaded and a notice past it is never read, so Mailbeacon keeps both inside the
 * first GMAIL_CLIP_BYTES, a round 100 KiB just under the clip, as DESIGN.md's "Privacy" asks.
 */
export const GMAIL_CLIP_BYTES = 102_400;

/**
 * The size of an html part as it is sent, in bytes: UTF-8, before any transfer encoding, every
 * line ending counted as CRLF (the MIME writer sends a 7bit or quoted-printable part's lines that
 * way, see mime/stream-mime.ts; a base64 part keeps bare LFs and is counted a little high, the
 * safe side). This is the one measure of the clip rule: the instrumentation's layout, the API's
 * `gmail_clip` warning and the compose screen's warning all read it.
 */
export function htmlBytesAsSent(html: string): number {
  let bareLineFeeds = 0;
  for (let index = html.indexOf('\n'); index !== -1; index = html.indexOf('\n', index + 1)) {
    if (index === 0 || html.charCodeAt(index - 1) !== 13) bareLineFeeds++;
  }
  return Buffer.byteLength(html, 'utf8') + bareLineFeeds;
}

/** Whether Gmail would clip an html part of this content (see htmlBytesAsSent). */
export function clippedByGmail(html: string): boolean {
  return htmlBytesAsSent(html) > GMAIL_CLIP_BYTES;
}
