import { type Language, type Wording, wording } from '../i18n/index.js';
import type { EventType } from '../vocabulary.js';

export interface EventNotice {
  readonly type: EventType;
  /** The recipient's name, or their address. */
  readonly who: string;
  readonly subject: string;
  readonly url?: string;
  readonly filename?: string;
  /** The open's ordinal for this recipient (1 for the first). */
  readonly openNumber?: number;
  /** How many events a folded notification stands for. */
  readonly count?: number;
  readonly inferred?: boolean;
  /** Set when a machine's event notifies (the workspace asked for them): says what it probably was. */
  readonly machineReason?: string | null;
  /** A reply's first lines, quotes and signature left out (src/mailbox): for the chat line. */
  readonly excerpt?: string;
}

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

/**
 * The notification's one line, in the given language (the follower's; the message's in its
 * chat): who did what, then its remarks — an inferred or repeated open, a folded count, the
 * machine that probably did it.
 */
export function noticeText(notice: EventNotice, language: Language): string {
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
  return parts.join(' ');
}
