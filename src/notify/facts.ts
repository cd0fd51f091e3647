import type { Language } from '../i18n/index.js';
import type { EventType } from '../vocabulary.js';

/**
 * What a tracking event's line says, as facts: who did what to which message, link or file,
 * and its remarks. Names and subjects are kept as they were when the line was written (a
 * recipient erased later takes the line with them); the sentence is made when it is read.
 */
export interface EventNotice {
  readonly type: EventType;
  /** The recipient's name, or their address. */
  readonly who: string;
  readonly subject: string;
  readonly url?: string;
  readonly filename?: string;
  /** The open's ordinal for this recipient (1 for the first). */
  readonly openNumber?: number;
  /** How many events a folded line stands for. */
  readonly count?: number;
  readonly inferred?: boolean;
  /** Set when a machine's event notifies (the workspace asked for them): the classifier's reason. */
  readonly machineReason?: string | null;
  /** A reply's first lines, quotes and signature left out (src/mailbox): shown under it. */
  readonly excerpt?: string;
}

/**
 * The team's copy could not be put in the shared mailbox's Sent folder (issue 17): `problem` is
 * the kind of failure (src/mailbox's MailboxProblem), worded by the reader's language.
 */
export interface MailboxFacts {
  readonly problem: string;
}

/** An attachment link changed by a user: `until` is the link's new end (ISO 8601), null none. */
export interface LinkFacts {
  readonly user: string;
  readonly file: string;
  readonly until?: string | null;
}

/**
 * A copy that was not delivered: `who` names the recipient (`Name <address>` or the address),
 * `response` is the relay's own reply, or — when it gave none — our explanation in the default
 * language, with `explained` holding that explanation in every language we write.
 */
export interface DeliveryFacts {
  readonly who: string;
  readonly response: string;
  readonly explained?: Partial<Record<Language, string>>;
}

/** A webhook the service switched off: its shown URL, how many failures, the last error. */
export interface WebhookFacts {
  readonly url: string;
  readonly failures: number;
  readonly lastError: string;
}

/**
 * What a chat line or a notification says happened, stored as it happened and worded when read
 * (lineText), in the reader's language. `legacy` keeps the text of a line written before facts
 * that could not be read back into any of the others (migration `2026_12_04_060000_line_facts`).
 */
export type LineFact =
  | { readonly kind: 'event'; readonly data: EventNotice }
  | { readonly kind: 'link_revoked' | 'link_ended'; readonly data: LinkFacts }
  | {
      readonly kind: 'link_restored' | 'link_extended' | 'link_shortened';
      readonly data: LinkFacts;
    }
  | { readonly kind: 'delivery_rejected' | 'delivery_failed'; readonly data: DeliveryFacts }
  | { readonly kind: 'webhook_disabled'; readonly data: WebhookFacts }
  | {
      readonly kind: 'mailbox_append_failed' | 'mailbox_append_gave_up';
      readonly data: MailboxFacts;
    }
  | { readonly kind: 'legacy'; readonly data: { readonly text: string } };

export type LineFactKind = LineFact['kind'];

const KINDS: ReadonlySet<string> = new Set<LineFactKind>([
  'event',
  'link_revoked',
  'link_ended',
  'link_restored',
  'link_extended',
  'link_shortened',
  'delivery_rejected',
  'delivery_failed',
  'webhook_disabled',
  'mailbox_append_failed',
  'mailbox_append_gave_up',
  'legacy',
]);

/** An event's fact as stored, standing for `count` events (a fold's count). */
export function eventFact(notice: EventNotice, count: number): string {
  return factJson({ kind: 'event', data: { ...notice, count } });
}

/**
 * A notification's fact for an event: as its chat line's, but a reply's first lines stay in the
 * chat (a notification names the reply, in one line; the chat shows what it says).
 */
export function notificationFact(notice: EventNotice, count: number): string {
  const { excerpt: _inChatOnly, ...named } = notice;
  return eventFact(named, count);
}

/** A fact as stored (the `fact` column's JSON). */
export function factJson(fact: LineFact): string {
  return JSON.stringify(fact);
}

/**
 * A stored fact read back; a value that is not one (a row edited by hand, a kind a later version
 * wrote) reads as a `legacy` fact with no text rather than failing the whole list.
 */
export function parseFact(json: string): LineFact {
  try {
    const value: unknown = JSON.parse(json);
    if (
      typeof value === 'object' &&
      value !== null &&
      KINDS.has((value as { kind?: unknown }).kind as string) &&
      typeof (value as { data?: unknown }).data === 'object' &&
      (value as { data?: unknown }).data !== null
    ) {
      return value as LineFact;
    }
  } catch {
    // Falls through to the empty legacy fact.
  }
  return { kind: 'legacy', data: { text: '' } };
}
