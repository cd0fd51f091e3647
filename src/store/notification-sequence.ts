import type { Db } from './database.js';
import { newSequence } from './ids.js';

/** The one row holding the last change sequence handed out (migration 2026_11_30_100000). */
export interface NotificationSequenceTable {
  id: number;
  last: string;
}

/**
 * Runs `work` in `trx` with a source of change sequences (`nextSequence`, each after every one
 * committed and every one it handed out before) for the notifications it writes. It locks the one
 * sequence row first, so every transaction writing notifications — on any thread, on any node —
 * waits for the one before it to commit, and each sequence sorts after every one committed:
 * changes commit in sequence order, and a live stream, which skips whatever is not above what it
 * sent, misses none. `now` (epoch ms) is the sequences' time where the clock allows.
 * Returns `work`'s result and the sequences taken.
 */
export async function withNotificationSequences<T>(
  trx: Db,
  now: number,
  work: (nextSequence: () => string) => Promise<T>,
): Promise<{ result: T; taken: readonly string[] }> {
  // An update that changes nothing still locks the row (PostgreSQL waits for its holder and then
  // reads the committed value; SQLite takes the write lock).
  const row = await trx
    .updateTable('notificationSequence')
    .set((eb) => ({ last: eb.ref('last') }))
    .where('id', '=', 1)
    .returning('last')
    .executeTakeFirstOrThrow();
  let last = row.last;
  const taken: string[] = [];
  const result = await work(() => {
    last = newSequence(last, now);
    taken.push(last);
    return last;
  });
  if (taken.length > 0) {
    await trx.updateTable('notificationSequence').set({ last }).where('id', '=', 1).execute();
  }
  return { result, taken };
}

/** The last change sequence committed: where a listener starting now begins. */
export async function lastNotificationSequence(db: Db): Promise<string> {
  const row = await db
    .selectFrom('notificationSequence')
    .select('last')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.last ?? '';
}
