import { pipeline, type Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { lineLengthCheck } from './line-length.js';
import type { Address, MailCopy } from './mail-copy.js';
import { validateCopy } from './validate-copy.js';

/**
 * The RFC 5322 source of one recipient copy, written as it is read, by nodemailer's MailComposer.
 *
 * The tree is MailComposer's: text and html in multipart/alternative; inline (cid) images in
 * a multipart/related beside the html inside it (the layout Thunderbird writes, so the text
 * part never "relates" to images); and all of it in multipart/mixed with the attachments.
 * Inline images need an html body: without one they go out as ordinary attachments.
 *
 * Headers with non-ASCII text (names, subject, filenames) are RFC 2047/2231 encoded, bodies
 * are 7bit, quoted-printable or base64 as MailComposer decides (files are base64). There is
 * no Bcc header: MailCopy has no field for it.
 *
 * Each file's content (a Buffer, or a stream read once) is read only as the reader pulls and
 * encoded a piece at a time, base64 in lines of 76 characters: no part is held whole.
 *
 * Throws a TypeError at once for a copy that cannot be written safely (validateCopy). The stream
 * fails with a RangeError as soon as a line exceeds 998 octets (MailComposer folds and encodes
 * everything it writes; only an unbreakable custom header value could, and a relay would reject
 * or mangle it), or with the error of a file's stream; either way it destroys the file streams
 * it has not finished. A reader that stops early destroys the stream, and the files' with it.
 */
export function streamMime(copy: MailCopy): Readable {
  const source = composerFor(copy).compile().createReadStream();
  return pipeline(source, lineLengthCheck('streamMime'), () => {});
}

function composerFor(copy: MailCopy): MailComposer {
  validateCopy(copy);
  return new MailComposer({
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
        // Said, not left to MailComposer: it makes a message/rfc822 file (a forwarded `.eml`)
        // inline by default, and clients then show it in the body instead of offering it.
        contentDisposition: 'attachment' as const,
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
