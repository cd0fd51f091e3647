import { simpleParser } from 'mailparser';
import { type AutoReplyReason, autoReplyReason } from './auto-reply.js';
import { replyExcerpt } from './excerpt.js';

/** What the watcher needs of one mail of the INBOX. */
export interface IncomingMail {
  /**
   * The Message-IDs it answers, most telling first: `In-Reply-To`, then `References` newest
   * first (RFC 5322 §3.6.4: the parent is the last of References). Angle brackets kept.
   */
  readonly answers: readonly string[];
  /** Its sender (`From`), address lower-cased as written; null when it has none. */
  readonly from: { readonly email: string; readonly name: string | null } | null;
  readonly subject: string;
  /** Set for an automatic reply (RFC 3834 and the de facto signs): why. */
  readonly automatic: AutoReplyReason | undefined;
  /** Its first lines, quotes and signature dropped (replyExcerpt). */
  readonly excerpt: string;
  /** Its own `Message-ID` (angle brackets kept), or null without one: the same mail seen twice. */
  readonly messageId: string | null;
}

/** At most this many referenced ids are looked up: the newest of a long thread. */
const MAX_ANSWERS = 50;

/** `<a@b> <c@d>` (or already a list) as the ids it names, in order. */
function idsIn(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  return [...text.matchAll(/<[^<>\s]+>/g)].map((match) => match[0]);
}

/**
 * Reads a mail's source (all of it, or its first bytes: the text is near the top) with
 * mailparser: whom it answers, who sent it, whether a machine did, and its first lines. Never
 * throws: an unreadable mail answers nothing.
 */
export async function readIncoming(source: Buffer): Promise<IncomingMail> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(source, {
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
  } catch {
    return {
      answers: [],
      from: null,
      subject: '',
      automatic: undefined,
      excerpt: '',
      messageId: null,
    };
  }
  const header = (name: string): string | undefined => {
    const value = parsed.headers.get(name);
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string'
      ? value
      : String((value as { value?: unknown }).value ?? value);
  };
  const inReplyTo = idsIn(parsed.inReplyTo);
  const references = idsIn(parsed.references).reverse();
  const answers = [...new Set([...inReplyTo, ...references])].slice(0, MAX_ANSWERS);
  const sender = parsed.from?.value[0];
  const subject = parsed.subject ?? '';
  return {
    answers,
    from: sender?.address
      ? { email: sender.address.toLowerCase(), name: sender.name?.trim() || null }
      : null,
    subject,
    automatic: autoReplyReason(header, subject),
    excerpt: replyExcerpt(parsed.text ?? ''),
    messageId: idsIn(parsed.messageId)[0] ?? null,
  };
}
