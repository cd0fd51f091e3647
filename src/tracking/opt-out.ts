import type { Kysely } from 'kysely';
import type { Database, TrackedCopy } from '../store/index.js';
import { findRecipientOptOut, markOptedOut } from '../store/index.js';
import { addDoNotTrack } from '../workspace/index.js';

/**
 * A recipient's "stop tracking me": every copy the workspace sent to that address is marked
 * (mail already sent included, so its hits stop being recorded at once), and the address goes
 * on the do-not-track list, so later mail goes out untracked. Returns when it took effect, and
 * whether it is new.
 */
export async function optOut(
  db: Kysely<Database>,
  copy: TrackedCopy,
): Promise<{ at: number; fresh: boolean }> {
  const existing = await findRecipientOptOut(db, copy.recipientId);
  if (existing !== null) return { at: existing, fresh: false };
  const at = Date.now();
  await db.transaction().execute(async (trx) => {
    await markOptedOut(trx, copy.workspaceId, copy.email, at);
    await addDoNotTrack(trx, copy.workspaceId, copy.email, 'opt_out', null);
  });
  return { at, fresh: true };
}
