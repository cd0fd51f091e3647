import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Db, findBlobBytes, insertBlobOnce } from '../store/index.js';
import { type BlobStore, BlobTooLargeError, type StoredBlob } from './blob-store.js';

/**
 * Bytes in the database's `blobs` table: every node of a PostgreSQL installation reaches them
 * without a shared disk. Files are bounded by MAX_ATTACHMENT_MB, so holding one in memory is fine.
 */
export function databaseBlobStore(db: Db): BlobStore {
  const putBuffer = async (bytes: Buffer): Promise<StoredBlob> => {
    const key = createHash('sha256').update(bytes).digest('hex');
    await insertBlobOnce(db, key, bytes);
    return { key, size: bytes.length };
  };
  return {
    async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          source.destroy();
          throw new BlobTooLargeError(maxBytes);
        }
        chunks.push(chunk);
      }
      return putBuffer(Buffer.concat(chunks));
    },
    putBuffer,
    get: (key) => findBlobBytes(db, key),
  };
}
