import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import { formatAddresses } from './format-addresses.js';

/** One MIME part's bytes, as a client would hand them to the user. */
export interface MailPart {
  readonly filename: string;
  /** As the mail declares it; not checked, so never trusted as a header as it is. */
  readonly contentType: string;
  readonly content: Buffer;
}

export interface AttachmentSummary {
  /** Position among the mail's attachments: what `attachment(index)` takes. */
  readonly index: number;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** A mail read the way a recipient's client reads it: decoded headers, bodies and parts. */
export interface OpenedMail {
  /** False when mailparser refused the source; `text` then holds the source itself. */
  readonly parsed: boolean;
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  readonly subject: string;
  readonly date: Date | undefined;
  /** The HTML body as sent, `cid:` links untouched; undefined for text-only mail. */
  readonly html: string | undefined;
  readonly text: string | undefined;
  /** The parts a client lists as attachments (not the images the HTML shows inline). */
  readonly attachments: readonly AttachmentSummary[];
  attachment(index: number): MailPart | undefined;
  /** The part a `cid:` URL points at, by its Content-ID without angle brackets. */
  inlinePart(cid: string): MailPart | undefined;
}

const PARSER_OPTIONS = {
  // The page shows what was sent: no text made up from the HTML or the other way round, and
  // cid: links kept so they can point at our own route instead of megabytes of data: URIs.
  keepCidLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
};

/** Parses a stored mail; never throws, since the inbox must show whatever arrived. */
export async function openMail(raw: Buffer): Promise<OpenedMail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, PARSER_OPTIONS);
  } catch {
    return unparsed(raw);
  }
  const listed = mail.attachments.filter((part) => part.related !== true);
  return {
    parsed: true,
    from: formatAddresses(mail.from),
    to: formatAddresses(mail.to),
    cc: formatAddresses(mail.cc),
    subject: mail.subject ?? '',
    date: mail.headers.has('date') ? mail.date : undefined,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    text: mail.text,
    attachments: listed.map((part, index) => ({
      index,
      filename: filenameOf(part, `attachment-${index + 1}`),
      contentType: part.contentType,
      size: part.content.length,
    })),
    attachment(index) {
      const part = listed[index];
      return part && toPart(part, `attachment-${index + 1}`);
    },
    inlinePart(cid) {
      const part = findByCid(mail.attachments, cid);
      return part && toPart(part, 'inline');
    },
  };
}

function unparsed(raw: Buffer): OpenedMail {
  return {
    parsed: false,
    from: '',
    to: '',
    cc: '',
    subject: '',
    date: undefined,
    html: undefined,
    text: raw.toString('utf8'),
    attachments: [],
    attachment: () => undefined,
    inlinePart: () => undefined,
  };
}

// Content-IDs are compared exactly first; clients also accept a percent-encoded reference
// (RFC 2392 writes `cid:` URLs that way) and a difference in case, so we do too.
function findByCid(parts: readonly Attachment[], cid: string): Attachment | undefined {
  const candidates = [cid, safeDecode(cid)];
  for (const candidate of candidates) {
    const exact = parts.find((part) => part.cid === candidate);
    if (exact) return exact;
  }
  const lower = candidates.map((candidate) => candidate.toLowerCase());
  return parts.find((part) => part.cid !== undefined && lower.includes(part.cid.toLowerCase()));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function filenameOf(part: Attachment, fallback: string): string {
  return part.filename || fallback;
}

function toPart(part: Attachment, fallbackName: string): MailPart {
  return {
    filename: filenameOf(part, fallbackName),
    contentType: part.contentType,
    content: part.content,
  };
}
