import type { Kysely } from 'kysely';
import type { Database, Db, OptOutAction, TrackedCopy } from '../store/index.js';
import {
  appendOptOutLog,
  clearOptedOut,
  deleteDoNotTrack,
  findDoNotTrackEntry,
  markOptedOut,
  newId,
} from '../store/index.js';
import { addDoNotTrack } from '../workspace/index.js';

/**
 * The version of the privacy page's wording, kept with each choice in the proof log beside the
 * page's exact text. Raise it whenever `pages` in `src/i18n/` changes a sentence of that page.
 * `2026-12-03`: the IP sentence follows TRACKING_IP (network, whole, none) and the retention
 * sentence states EVENT_RETENTION_DAYS, where `2026-12-02` said "shortened" and "a limited time"
 * whatever the configuration.
 */
export const PRIVACY_PAGE_VERSION = '2026-12-03';

/** What the recipient saw when they made their choice: the proof log's "what the page said". */
export interface PageShown {
  /** The page's language (`it`, `en`). */
  readonly language: string;
  /** The exact text of the page, as `pageText` reads it. */
  readonly text: string;
}

/** When the address opted out (epoch ms), or null while it is tracked. By the copy's key. */
export async function findOptOut(db: Db, copy: TrackedCopy): Promise<number | null> {
  const entry = await findDoNotTrackEntry(db, copy.workspaceId, copy.emailKey);
  return entry?.source === 'opt_out' ? entry.createdAt : null;
}

async function logChoice(
  db: Db,
  copy: TrackedCopy,
  action: OptOutAction,
  at: number,
  page: PageShown,
): Promise<void> {
  await appendOptOutLog(db, {
    id: newId(at),
    workspaceId: copy.workspaceId,
    action,
    email: copy.email,
    emailKey: copy.emailKey,
    messageId: copy.messageId,
    recipientId: copy.recipientId,
    at,
    language: page.language,
    wordingVersion: PRIVACY_PAGE_VERSION,
    pageText: page.text,
  });
}

/**
 * A recipient's "stop tracking me", at `at` (epoch ms): their address — every spelling of it,
 * by its `addressKey` — goes on the do-not-track list as their own entry (later mail goes out
 * untracked, and the processing stage drops hits of mail already sent from then on), every copy
 * the workspace sent to it is marked, and the choice is appended to the proof log with the
 * `page` it was made on. Returns when it took effect, and whether it is new (pressing again
 * changes nothing and logs nothing).
 */
export async function optOut(
  db: Kysely<Database>,
  copy: TrackedCopy,
  at: number,
  page: PageShown,
): Promise<{ at: number; fresh: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await findDoNotTrackEntry(trx, copy.workspaceId, copy.emailKey);
    if (existing?.source === 'opt_out') return { at: existing.createdAt, fresh: false };
    const { added } = await addDoNotTrack(trx, copy.workspaceId, copy.email, 'opt_out', null, at);
    // Another press of the button got there first (they raced on another node).
    if (!added) return { at: (await findOptOut(trx, copy)) ?? at, fresh: false };
    await markOptedOut(trx, copy.workspaceId, copy.emailKey, at);
    await logChoice(trx, copy, 'opt_out', at, page);
    return { at, fresh: true };
  });
}

/**
 * The recipient's "track me again": the only way their opt-out ends (an admin's DELETE of it is
 * refused). Their own entry leaves the list, their copies' marks are cleared, and the withdrawal
 * is appended to the proof log with the `page` it was made on. `fresh` is false when there was
 * no opt-out to withdraw (nothing is logged then).
 */
export async function withdrawOptOut(
  db: Kysely<Database>,
  copy: TrackedCopy,
  at: number,
  page: PageShown,
): Promise<{ fresh: boolean }> {
  return db.transaction().execute(async (trx) => {
    if (!(await deleteDoNotTrack(trx, copy.workspaceId, copy.emailKey, 'opt_out')))
      return { fresh: false };
    await clearOptedOut(trx, copy.workspaceId, copy.emailKey);
    await logChoice(trx, copy, 'withdrawal', at, page);
    return { fresh: true };
  });
}
