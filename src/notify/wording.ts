import { formatLongDate, type Language, type Wording, wording } from '../i18n/index.js';
import type { EventNotice, LineFact, LinkFacts } from './facts.js';

export type { EventNotice } from './facts.js';

type NotifyWording = Wording['notify'];

function action(notice: EventNotice, words: NotifyWording): string {
  switch (notice.type) {
    case 'open':
      return words.opened(notice.who, notice.subject);
    case 'click':
      return words.clicked(notice.who, notice.url);
    case 'download':
      return words.downloaded(notice.who, notice.filename);
    case 'expired_access':
      return words.triedExpired(notice.who, notice.filename);
    case 'opt_out':
      return words.optedOut(notice.who);
    case 'reply':
      return words.replied(notice.who, notice.subject);
    case 'auto_reply':
      return words.autoReplied(notice.who, notice.subject);
  }
}

function machineName(reason: string | null, words: NotifyWording): string {
  const names: Readonly<Record<string, string>> = words.machines;
  return reason !== null && Object.hasOwn(names, reason) ? names[reason]! : words.unknownMachine;
}

/** How a line is read: in a message's chat the message goes without saying; elsewhere not. */
export interface LineReading {
  /**
   * Set where the line stands away from its message (a notification, a chat channel): a click,
   * a download or an opt-out then names the message too ("— «Offerta Q4»"); an open or a reply
   * names it anyway.
   */
  readonly namesMessage?: boolean;
}

/** The events whose sentence names their message's subject already. */
const SAYS_SUBJECT: ReadonlySet<EventNotice['type']> = new Set(['open', 'reply', 'auto_reply']);

/**
 * An event's one line, in the given language: who did what, then its remarks — an inferred or
 * repeated open, a folded count, the machine that probably did it — and, read away from its
 * message (`reading.namesMessage`), which message.
 */
export function noticeText(
  notice: EventNotice,
  language: Language,
  reading: LineReading = {},
): string {
  const words = wording(language).notify;
  const parts = [action(notice, words)];
  if (notice.type === 'open') {
    if (notice.inferred) parts.push(words.inferredOpen);
    else if ((notice.openNumber ?? 1) > 1) parts.push(words.nthOpen(notice.openNumber!));
  } else if ((notice.count ?? 1) > 1) {
    parts.push(words.repeated(notice.count!));
  }
  if (notice.machineReason !== undefined) {
    parts.push(words.probablyMachine(machineName(notice.machineReason, words)));
  }
  if (reading.namesMessage && !SAYS_SUBJECT.has(notice.type)) {
    parts.push(words.onMessage(notice.subject));
  }
  return parts.join(' ');
}

/** A link's new end as the reader's language writes a day (UTC), or undefined for none. */
function untilText(facts: LinkFacts, language: Language): string | undefined {
  if (!facts.until) return undefined;
  const date = new Date(facts.until);
  return Number.isNaN(date.getTime()) ? undefined : formatLongDate(date, language);
}

/**
 * A chat line's or a notification's sentence for one reader, in their language: the one place
 * that words stored facts (the sentences themselves are in src/i18n/<language>/notify.ts).
 * Dates are written as formatLongDate writes them (UTC). Never throws.
 */
export function lineText(fact: LineFact, language: Language, reading: LineReading = {}): string {
  const words = wording(language).notify;
  switch (fact.kind) {
    case 'event': {
      const text = noticeText(fact.data, language, reading);
      // A reply's first lines go under its notice (plain text: clients show it as text).
      return fact.data.excerpt ? `${text}\n${fact.data.excerpt}` : text;
    }
    case 'link_revoked':
      return words.linkRevoked(fact.data.user, fact.data.file);
    case 'link_ended':
      return words.linkEnded(fact.data.user, fact.data.file);
    case 'link_restored':
      return words.linkRestored(fact.data.user, fact.data.file, untilText(fact.data, language));
    case 'link_extended':
      return words.linkExtended(fact.data.user, fact.data.file, untilText(fact.data, language));
    case 'link_shortened':
      return words.linkShortened(fact.data.user, fact.data.file, untilText(fact.data, language));
    case 'delivery_rejected':
    case 'delivery_failed': {
      const response = fact.data.explained?.[language] ?? fact.data.response;
      return fact.kind === 'delivery_rejected'
        ? words.deliveryRejected(fact.data.who, response)
        : words.deliveryFailed(fact.data.who, response);
    }
    case 'webhook_disabled':
      return words.webhookDisabled(fact.data.url, fact.data.failures, fact.data.lastError);
    case 'mailbox_append_failed':
    case 'mailbox_append_gave_up': {
      const problems: Readonly<Record<string, string>> = words.mailboxProblems;
      const problem = Object.hasOwn(problems, fact.data.problem)
        ? problems[fact.data.problem]!
        : fact.data.problem;
      return fact.kind === 'mailbox_append_failed'
        ? words.mailboxAppendFailed(problem)
        : words.mailboxAppendGaveUp(problem);
    }
    case 'legacy':
      return fact.data.text;
  }
}
