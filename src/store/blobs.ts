import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/**
 * One row per blob kept in the database (for installations whose nodes share no disk): its
 * bytes are the `blob_chunks` stored under its key. The row is written in the transaction that
 * commits the chunks, so a blob with a row is whole.
 */
export interface BlobTable {
  /** Hex SHA-256 of the bytes. */
  key: string;
  /** Bytes in all, the sum of its chunks' lengths. */
  size: number;
  /** Epoch ms. */
  createdAt: number;
}
export type BlobRow = Selectable<BlobTable>;

/** Records a blob unless its key is there already; true when this call recorded it. */
export async function insertBlobOnce(
  db: Db,
  blob: { readonly key: string; readonly size: number },
): Promise<boolean> {
  const result = await db
    .insertInto('blobs')
    .values({ key: blob.key, size: blob.size, createdAt: Date.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The blob's size in bytes, or undefined when no blob has that key. */
export async function findBlobSize(db: Db, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('blobs').select('size').where('key', '=', key).executeTakeFirst();
  return row?.size;
}

/**
 * Deletes the blob `key`: its row and its committed pieces (run it in a transaction, so that a
 * reader never finds a row without its pieces). An unknown key deletes nothing.
 */
export async function deleteBlob(db: Db, key: string): Promise<void> {
  await db.deleteFrom('blobs').where('key', '=', key).execute();
  await db
    .deleteFrom('blobChunks')
    .where('blobKey', '=', key)
    .where('uploadStartedAt', 'is', null)
    .execute();
}
