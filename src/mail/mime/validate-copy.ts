import { isValidEmail } from '../addresses.js';
import type { Address, MailCopy } from './mail-copy.js';

// Headers that streamMime writes from the copy's own fields or that shape the MIME tree.
// Setting them through `headers` would either be silently overridden or corrupt the
// message; Bcc must never appear at all.
const RESERVED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
]);

// RFC 5322 field-name: printable US-ASCII except the colon.
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Throws a TypeError naming the offending field when the copy cannot be written safely. */
export function validateCopy(copy: MailCopy): void {
  checkAddress('from', copy.from);
  for (const [i, a] of copy.to.entries()) checkAddress(`to[${i}]`, a);
  for (const [i, a] of copy.cc.entries()) checkAddress(`cc[${i}]`, a);
  if (copy.replyTo) checkAddress('replyTo', copy.replyTo);
  if (Number.isNaN(copy.date.getTime())) {
    throw new TypeError('streamMime: date is an invalid Date');
  }
  if (!/^<?[^\s<>]+@[^\s<>]+>?$/.test(copy.messageId)) {
    throw new TypeError(`streamMime: messageId ${JSON.stringify(copy.messageId)} is not id@host`);
  }
  for (const image of copy.inline) {
    if (!/^[^\s<>]+$/.test(image.cid)) {
      throw new TypeError(`streamMime: inline image cid ${JSON.stringify(image.cid)} is not valid`);
    }
  }
  for (const [name, value] of Object.entries(copy.headers ?? {})) {
    if (!HEADER_NAME.test(name)) {
      throw new TypeError(`streamMime: header name ${JSON.stringify(name)} is not valid`);
    }
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('content-')) {
      throw new TypeError(`streamMime: header ${name} is set by streamMime itself, not by headers`);
    }
    if (/[\r\n]/.test(value)) {
      throw new TypeError(`streamMime: header ${name} contains a line break`);
    }
  }
}

function checkAddress(field: string, address: Address): void {
  // The API's rule (isValidEmail: a dot-atom or quoted local part, RFC 5322/6531), so that what
  // the API takes can be sent; MailComposer writes a quoted local part as it is (`<"a b"@c.com>`).
  // The address stays out of the message: it ends up in logs and in the copy's failure.
  if (!isValidEmail(address.email)) {
    throw new TypeError(`streamMime: ${field} email is not a valid address (RFC 5322/6531)`);
  }
  if (address.name !== undefined && /[\r\n]/.test(address.name)) {
    throw new TypeError(`streamMime: ${field} name contains a line break`);
  }
}
