import { isValidEmail } from '../../lib/addresses';
import type { Address } from '../../lib/types';

/** What the compose view holds, kept in this browser until the server can take it. */
export interface DraftContent {
  readonly to: Address[];
  readonly cc: Address[];
  readonly bcc: Address[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly empty: boolean;
  readonly attachments: { id: string; filename: string; size: number }[];
  readonly tracking: boolean;
  readonly ttlDays: number | null;
}

export interface LocalDraft extends DraftContent {
  readonly savedAt: string;
  /** The server draft these changes belong to, if any. */
  readonly messageId: string | null;
}

const PREFIX = 'mailbeacon.draft.';

// One entry per user and draft: a new message is "new" until the server gives it an id.
const keyOf = (userId: string, messageId: string | null) =>
  `${PREFIX}${userId}.${messageId ?? 'new'}`;

export function readLocalDraft(userId: string, messageId: string | null): LocalDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, messageId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(userId: string, messageId: string | null, draft: DraftContent) {
  const local: LocalDraft = { ...draft, messageId, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(keyOf(userId, messageId), JSON.stringify(local));
  } catch {
    // A full storage loses the local copy only; the server copy is saved when valid.
  }
}

export function clearLocalDraft(userId: string, messageId: string | null): void {
  localStorage.removeItem(keyOf(userId, messageId));
}

/** The new-message draft kept only here, for the list of drafts. */
export function unsavedDraft(userId: string): LocalDraft | null {
  const draft = readLocalDraft(userId, null);
  return draft && (draft.subject || !draft.empty || draft.to.length) ? draft : null;
}

/** What the server needs before it takes a message, draft or not. */
export function problemsOf(draft: DraftContent): ('recipient' | 'address' | 'subject' | 'body')[] {
  const problems: ('recipient' | 'address' | 'subject' | 'body')[] = [];
  const all = [...draft.to, ...draft.cc, ...draft.bcc];
  if (all.length === 0) problems.push('recipient');
  if (all.some((a) => !isValidEmail(a.email))) problems.push('address');
  if (!draft.subject.trim()) problems.push('subject');
  if (draft.empty) problems.push('body');
  return problems;
}
