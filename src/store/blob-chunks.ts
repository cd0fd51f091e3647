import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/**
 * A blob's bytes in pieces: chunk `chunkIndex` (0, 1, …) of the blob `blobKey`, each piece but
 * the last of the size the writer chose (the reader needs no fixed size: it reads pieces in
 * order until it has the blob's size). An empty blob has no chunks.
 *
 * While an upload streams in, its pieces sit under a temporary key with `uploadStartedAt` set;
 * committing renames them to the blob's key and clears it (a partial index finds the pieces of
 * uploads that never committed).
 */
export interface BlobChunkTable {
  blobKey: string;
  chunkIndex: number;
  bytes: Buffer;
  /** Epoch ms the upload began; null once the piece belongs to a committed blob. */
  uploadStartedAt: number | null;
}
export type BlobChunkRow = Selectable<BlobChunkTable>;

/** Writes piece `index` of an upload in progress, kept under `uploadKey` until committed. */
export async function insertUploadChunk(
  db: Db,
  upload: { readonly uploadKey: string; readonly startedAt: number },
  index: number,
  bytes: Buffer,
): Promise<void> {
  await db
    .insertInto('blobChunks')
    .values({
      blobKey: upload.uploadKey,
      chunkIndex: index,
      bytes,
      uploadStartedAt: upload.startedAt,
    })
    .execute();
}

/** Gives an upload's pieces to the blob `key` (in the transaction that records the blob). */
export async function commitUploadChunks(db: Db, uploadKey: string, key: string): Promise<void> {
  await db
    .updateTable('blobChunks')
    .set({ blobKey: key, uploadStartedAt: null })
    .where('blobKey', '=', uploadKey)
    .execute();
}

/** Drops an upload's pieces: it failed, or its bytes were stored already. */
export async function deleteUploadChunks(db: Db, uploadKey: string): Promise<void> {
  await db
    .deleteFrom('blobChunks')
    .where('blobKey', '=', uploadKey)
    .where('uploadStartedAt', 'is not', null)
    .execute();
}

/** Drops the pieces of uploads begun before `startedBefore` (epoch ms) and never committed. */
export async function deleteAbandonedUploadChunks(db: Db, startedBefore: number): Promise<number> {
  const result = await db
    .deleteFrom('blobChunks')
    .where('uploadStartedAt', '<', startedBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Piece `index` of the committed blob `key`, or undefined when it has no such piece. */
export async function findBlobChunk(
  db: Db,
  key: string,
  index: number,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('blobChunks')
    .select('bytes')
    .where('blobKey', '=', key)
    .where('chunkIndex', '=', index)
    .where('uploadStartedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes);
}
