/**
 * Mail instrumentation: what one recipient copy of a tracked message becomes at send time.
 *
 * `instrumentMail({html, text}, options)` is pure and synchronous. It returns the copy's html
 * and text and `links`, every trackable link of both parts: index `i` is the `i`-th distinct
 * target in order of first occurrence (html first, then text), so the same input always gives
 * the same indices and a caller can list the links once per message (no `clickUrl`) and map
 * index → token per recipient.
 *
 * Html is never re-serialised. htmlparser2 finds the tags, the new values are spliced into the
 * original text, and everything else stays byte-for-byte as it came (conditional comments,
 * `<style>`, entities, odd markup, CRLF).
 *
 * Links that are rewritten: `href` of `<a>`, `<area>` and VML elements (`<v:roundrect>`, any
 * `v:` tag), also inside Outlook conditional comments (`<!--[if mso]>…<![endif]-->`), since
 * Outlook users click those buttons; a VML button and its html twin share one index. Only
 * absolute `http:`/`https:` targets are tracked; never `mailto:`, `tel:`, `cid:`, `data:`,
 * `javascript:`, `#fragment`s, or a URL holding a template placeholder (`{{…}}`, `{%…%}`,
 * `*|…|*`, `%%…%%`, `[[…]]`, `${…}`, `<%…%>`, also percent-encoded). The tracked URL is the one
 * the browser would follow: entities decoded, tabs and newlines dropped, surrounding spaces
 * trimmed, and otherwise exactly as written (no IDN or percent normalisation). A relative link
 * is tracked only under an absolute http(s) `<base href>` (the document's first), resolved with
 * the WHATWG URL parser. The first of duplicate `href`s wins, as in browsers. The new value keeps
 * the original quotes; an unquoted value gets double quotes. Other attributes (`src` of `cid:`
 * images included) are never touched.
 *
 * Text part: every http(s) URL is rewritten, less trailing punctuation (`.`, `,`, `)` without its
 * `(`, the `>` of `<https://…>`), and not one holding or followed by a placeholder.
 *
 * Html and no text: a text part is made from the original html by html-to-text
 * (text-from-html.ts: paragraphs, lists, images as alt text, links as `label (URL)`), and gets
 * exactly the html's tracked links, no more and no fewer (a link the conversion cannot show, an
 * Outlook-only VML button, is listed after the body), then the same foot as a composed text part.
 * `textFromHtml: false` leaves it out. Untracked copies (no options) get it too, links as written.
 *
 * Inserted html, each wrapped in `<!--mb:NAME-->…<!--/mb:NAME-->` (see INSTRUMENT_BLOCKS), in
 * this order, just before the last `</body>` (else the last `</html>`, else the end of the
 * document, before any markup left unfinished there): the download block, the privacy notice,
 * the honeypot link, the pixel. A copy that would then be longer than Gmail's clip
 * (GMAIL_CLIP_BYTES of html as sent, measured by htmlBytesAsSent after the links are rewritten)
 * gets the pixel and then the notice, as one short line, right after the first `<body …>` tag
 * instead (else after `</head>`, else `<html …>`, else a leading doctype, else at the start), so
 * that both are inside what Gmail shows; the download block and the honeypot stay at the foot.
 * The text part gets the download block and the notice appended
 * (never the pixel or the honeypot), in the part's own line endings. Every string given in the
 * options is escaped; `privacyNotice.text` replaces the sentence, not the link's label. The
 * expiry is written as a date in `download.timeZone` (UTC by default).
 * The stored target of a link is what was written in the mail, so it may hold non-ASCII (an IDN
 * host): whoever puts it in a `Location` header encodes it first (`new URL(url).href`).
 */
export { clippedByGmail, GMAIL_CLIP_BYTES, htmlBytesAsSent } from './gmail-clip.js';
export { instrumentMail } from './instrument-mail.js';
export { INSTRUMENT_BLOCKS, type InstrumentBlock } from './markers.js';
export type {
  DownloadFile,
  DownloadOptions,
  InstrumentInput,
  InstrumentOptions,
  InstrumentResult,
  PrivacyNoticeOptions,
  TrackedLink,
} from './types.js';
