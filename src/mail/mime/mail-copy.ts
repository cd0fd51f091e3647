import type { Readable } from 'node:stream';

/** A mailbox: the address and, optionally, the display name shown beside it. */
export interface Address {
  email: string;
  name?: string;
}

/** A file attached to the mail (listed by clients as an attachment). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The bytes, or a stream of them read once while the mail is built. */
  content: Buffer | Readable;
}

/** An image the HTML shows through `cid:` (kept inline, never listed as an attachment). */
export interface InlineImage {
  /** The Content-ID without angle brackets, as referenced by `src="cid:…"`. */
  cid: string;
  filename: string;
  contentType: string;
  /** The bytes, or a stream of them read once while the mail is built. */
  content: Buffer | Readable;
}

/**
 * One recipient copy, ready to be turned into RFC 5322 source. There is no `bcc`: blind
 * recipients travel in the SMTP envelope only, so they cannot leak through the headers.
 */
export interface MailCopy {
  from: Address;
  to: Address[];
  cc: Address[];
  replyTo?: Address;
  subject: string;
  html?: string;
  text?: string;
  attachments: MailAttachment[];
  inline: InlineImage[];
  /** With or without angle brackets: `<id@host>` and `id@host` give the same header. */
  messageId: string;
  date: Date;
  /** Extra headers (List-Unsubscribe, X-…); the structural ones are refused, see streamMime. */
  headers?: Record<string, string>;
}
