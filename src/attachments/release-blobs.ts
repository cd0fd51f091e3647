import type { BlobStore } from '../blobs/index.js';
import { blobReferenced, type Db } from '../store/index.js';
import { withBlobTurn } from './blob-guard.js';

/**
 * Removes from the blob store those of the blob keys (SHA-256) that no attachment, of any
 * workspace, and no dev inbox mail holds any more: bytes are stored once for equal contents, so
 * another message's file with the same bytes keeps them. Call it after the rows that held them
 * were deleted (and committed). Gives back how many blobs it removed.
 */
export async function releaseBlobs(
  db: Db,
  blobs: BlobStore,
  keys: readonly string[],
): Promise<number> {
  let removed = 0;
  for (const key of new Set(keys)) {
    await withBlobTurn(key, async () => {
      if (await blobReferenced(db, key)) return;
      await blobs.remove(key);
      removed++;
    });
  }
  return removed;
}
