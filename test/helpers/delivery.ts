import type { Store } from '../../src/store/index.js';

/**
 * Moves a message's delivery into the past, as if it had arrived `agoMs` ago: a person reads
 * and clicks minutes after delivery, while scanners click within seconds, and the classifier
 * knows it. Tests that play a reader use this rather than wait.
 */
export async function deliveredAgo(
  store: Store,
  messageId: string,
  agoMs = 3_600_000,
): Promise<void> {
  const at = Date.now() - agoMs;
  await store.db
    .updateTable('copies')
    .set({ sentAt: at })
    .where('messageId', '=', messageId)
    .execute();
}
