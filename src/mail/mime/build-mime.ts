import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { longestLine, MAX_LINE_OCTETS } from './line-length.js';
import type { Address, MailCopy } from './mail-copy.js';
import { validateCopy } from './validate-copy.js';

/**
 * Builds the RFC 5322 source of one recipient copy with nodemailer's MailComposer.
 *
 * The tree is MailComposer's: text and html in multipart/alternative; inline (cid) images in
 * a multipart/related beside the html inside it (the layout Thunderbird writes, so the text
 * part never "relates" to images); and all of it in multipart/mixed with the attachments.
 * Inline images need an html body: without one they go out as ordinary attachments.
 *
 * Headers with non-ASCII text (names, subject, filenames) are RFC 2047/2231 encoded, bodies
 * are 7bit, quoted-printable or base64 as MailComposer decides, and the result is checked to
 * hold no line over 998 octets. There is no Bcc header: MailCopy has no field for it.
 */
export async function buildMime(copy: MailCopy): Promise<Buffer> {
  validateCopy(copy);
  const composer = new MailComposer({
    from: toNodemailer(copy.from),
    to: copy.to.map(toNodemailer),
    cc: copy.cc.map(toNodemailer),
    replyTo: copy.replyTo ? toNodemailer(copy.replyTo) : undefined,
    subject: foldableSubject(copy.subject),
    text: copy.text,
    html: copy.html,
    attachments: [
      ...copy.inline.map((image) => ({
        cid: image.cid,
        filename: image.filename,
        contentType: image.contentType,
        content: image.content,
        contentDisposition: 'inline',
      })),
      ...copy.attachments.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        content: file.content,
      })),
    ],
    messageId: copy.messageId,
    date: copy.date,
    headers: copy.headers,
    // Bodies are in memory and files are Buffers or streams handed over; a body must never make
    // the composer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: '\r\n',
  });
  const raw = await composer.compile().build();
  const longest = longestLine(raw);
  if (longest > MAX_LINE_OCTETS) {
    // MailComposer folds and encodes everything it writes; only an unbreakable custom header
    // value could get here, and a relay would reject or mangle it, so refuse it now.
    throw new RangeError(
      `buildMime: a line of ${longest} octets exceeds the ${MAX_LINE_OCTETS}-octet limit of RFC 5322 (check custom headers)`,
    );
  }
  return raw;
}

// Header folding happens at whitespace only, so a subject with a long unbroken run (a pasted
// URL) would come out as one over-long line. Encoded words can be split anywhere and decoders
// join adjacent ones without a gap, so such a subject is encoded whole, ASCII or not.
function foldableSubject(subject: string): string {
  return /\S{76,}/.test(subject) ? encodeWord(subject, 'Q', 52) : subject;
}

function toNodemailer(address: Address): { name: string; address: string } {
  return { name: address.name ?? '', address: address.email };
}
