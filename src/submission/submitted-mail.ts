import { type AddressObject, type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import { type Address, addressKey } from '../mail/index.js';
import type { ComposedContent } from '../messages/index.js';
import { badContent } from './refusal.js';

/** The header that sets a submitted mail's tracking (`on` or `off`); it never leaves us. */
export const TRACKING_HEADER = 'x-mailbeacon-tracking';

/** A file of a submitted mail. */
export interface SubmittedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  /** The Content-ID (without angle brackets) the html shows it by (`cid:`); undefined: attached. */
  readonly cid: string | undefined;
}

/**
 * A mail a client submitted, read into what a message is made of: its content as composed (`bcc`
 * a Bcc header's addresses, rarely sent, then the envelope's recipients not in To or Cc), and
 * the rest.
 */
export interface SubmittedMail extends ComposedContent {
  /** The From header's addresses (a valid mail has one). */
  readonly from: Address[];
  readonly files: SubmittedFile[];
  /** The Message-ID header as written (`<…>`); undefined when the mail has none. */
  readonly messageIdHeader: string | undefined;
  /** X-Mailbeacon-Tracking; undefined when absent (the default applies). */
  readonly tracking: boolean | undefined;
}

/**
 * Every address of a header, groups (RFC 5322 §3.4) opened; an empty group gives none. What
 * mailparser could not read as an address (`To: not-an-address` comes back as a name with an
 * empty address) is kept as written, in the address's place, so that the address check refuses
 * it by name (554 5.6.0) instead of the mail going out without it.
 */
function addressesOf(field: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.group ? entry.group : [entry])),
  );
  return flat
    .filter((entry) => entry.address || entry.name)
    .map((entry) =>
      !entry.address
        ? { email: entry.name }
        : entry.name
          ? { email: entry.address, name: entry.name }
          : { email: entry.address },
    );
}

/**
 * `on`/`off` (any case) from X-Mailbeacon-Tracking, read from the header lines as written:
 * mailparser's header map leaves out a header with an empty value, which made
 * `X-Mailbeacon-Tracking:` pass as absent. Absent: undefined; anything else, empty included, or
 * the header twice, is refused (554 5.6.0).
 */
function trackingOf(lines: readonly { key: string; line: string }[]): boolean | undefined {
  const found = lines.filter((line) => line.key === TRACKING_HEADER);
  if (found.length === 0) return undefined;
  const value = found.length === 1 ? found[0]!.line.slice(found[0]!.line.indexOf(':') + 1) : '';
  const word = value
    .replace(/\r?\n[ \t]/g, ' ')
    .trim()
    .toLowerCase();
  if (word === 'on') return true;
  if (word === 'off') return false;
  throw badContent('X-Mailbeacon-Tracking must be "on" or "off", once');
}

/** A `cid:` URL in html, up to where an attribute value or CSS `url(…)` ends. */
const CID_LINK = /cid:([^"'\s)>]+)/gi;

/**
 * Each `cid:` URL of `html` replaced by what `replace` gives for the Content-ID it names (kept
 * as written when undefined). RFC 2392: the URL is the Content-ID with characters percent-
 * encoded (Outlook writes `cid:image001.png%4001D9…` for `<image001.png@01D9…>`), so the
 * Content-ID is the URL percent-decoded, compared without regard to case as clients do.
 */
export function replaceCidLinks(
  html: string,
  replace: (contentId: string) => string | undefined,
): string {
  return html.replace(CID_LINK, (link, encoded: string) => {
    let contentId = encoded;
    try {
      contentId = decodeURIComponent(encoded);
    } catch {
      // Not valid percent-encoding: the Content-ID as written.
    }
    return replace(contentId.toLowerCase()) ?? link;
  });
}

/** Whether the html shows `cid` (replaceCidLinks: compared percent-decoded). */
function shown(html: string | null, cid: string | undefined): boolean {
  if (!html || !cid) return false;
  let found = false;
  replaceCidLinks(html, (contentId) => {
    if (contentId === cid.toLowerCase()) found = true;
    return undefined;
  });
  return found;
}

function fileOf(attachment: Attachment, html: string | null, index: number): SubmittedFile {
  return {
    filename: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType,
    content: attachment.content,
    cid: shown(html, attachment.cid) ? attachment.cid : undefined,
  };
}

/**
 * Reads a submitted mail (RFC 5322 bytes, MIME per RFC 2045–2049) with mailparser: To and Cc
 * from its headers, Bcc from a Bcc header and from `envelopeTo` (the RCPT TO addresses) not
 * already in To or Cc, its html and text parts as written (no part made from the other, `cid:`
 * links kept), its files. Headers other than these are not carried: a message is built anew for
 * each recipient. Throws a 554 5.6.0 SmtpRefusal for an X-Mailbeacon-Tracking value other than
 * on/off, or bytes mailparser cannot read.
 */
export async function readSubmittedMail(
  raw: Buffer,
  envelopeTo: readonly string[],
): Promise<SubmittedMail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
  } catch {
    // The same bytes would fail the same way on a retry: a refusal, not a "try later".
    throw badContent('The mail could not be read as MIME (RFC 2045)');
  }
  const to = addressesOf(parsed.to);
  const cc = addressesOf(parsed.cc);
  const listed = new Set([...to, ...cc].map((a) => addressKey(a.email) ?? a.email));
  const bcc: Address[] = [];
  for (const address of [...addressesOf(parsed.bcc), ...envelopeTo.map((email) => ({ email }))]) {
    const key = addressKey(address.email) ?? address.email;
    if (listed.has(key)) continue;
    listed.add(key);
    bcc.push(address);
  }
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  return {
    from: addressesOf(parsed.from),
    to,
    cc,
    bcc,
    subject: parsed.subject ?? '',
    html,
    text: parsed.text ?? null,
    files: parsed.attachments.map((attachment, i) => fileOf(attachment, html, i)),
    messageIdHeader: parsed.messageId?.trim() || undefined,
    tracking: trackingOf(parsed.headerLines),
  };
}
