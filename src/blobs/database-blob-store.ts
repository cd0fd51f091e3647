import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  commitUploadChunks,
  deleteAbandonedUploadChunks,
  deleteBlob,
  deleteUploadChunks,
  findBlobChunk,
  findBlobSize,
  insertBlobOnce,
  insertUploadChunk,
  newId,
  type Store,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import {
  BLOB_KEY_PATTERN,
  type BlobStore,
  BlobTooLargeError,
  type OpenBlob,
  type StoredBlob,
} from './blob-store.js';

/**
 * The size of the pieces a blob is written in: 256 KiB. A 25 MB attachment is 100 rows, read
 * and written one query each, and a reader holds one piece at a time. Much smaller and the
 * round trips add up (PostgreSQL cuts a bytea into ~2 KB TOAST pieces anyway, so small rows buy
 * nothing); much larger and each query, each parameter and each reader's buffer grows with it.
 */
export const BLOB_CHUNK_BYTES = 256 * 1024;

/**
 * An upload that has not committed after this long died with its node: the next upload drops
 * its pieces. (A live upload of MAX_ATTACHMENT_MB never takes a day.)
 */
const ABANDONED_UPLOAD_MS = DAY_MS;

/**
 * Bytes in the database, in BLOB_CHUNK_BYTES pieces (`blob_chunks`) with one `blobs` row per
 * blob: every node of a PostgreSQL installation reaches them without a shared disk, and no node
 * holds a whole file. An upload writes its pieces as they stream in, under a temporary key,
 * while hashing them; its SHA-256, known at the end, becomes the key in one transaction that
 * renames the pieces and records the blob, or drops the pieces when those bytes are stored
 * already. A refused or failed upload drops its pieces; a node that dies mid-upload leaves them
 * to the next upload's sweep (ABANDONED_UPLOAD_MS). Reading fetches a piece only when the
 * consumer wants more.
 */
export function databaseBlobStore(db: Store['db']): BlobStore {
  /** Records the blob whose pieces are under `uploadKey`, unless its bytes are there already. */
  const commit = (uploadKey: string, blob: StoredBlob) =>
    db.transaction().execute(async (trx) => {
      // On PostgreSQL a second upload of the same bytes waits here for the first to commit,
      // then finds the row and drops its own pieces.
      if (await insertBlobOnce(trx, blob)) await commitUploadChunks(trx, uploadKey, blob.key);
      else await deleteUploadChunks(trx, uploadKey);
    });

  const put = async (source: Readable, maxBytes: number): Promise<StoredBlob> => {
    const startedAt = Date.now();
    await deleteAbandonedUploadChunks(db, startedAt - ABANDONED_UPLOAD_MS);
    const upload = { uploadKey: `upload:${newId(startedAt)}`, startedAt };
    const hash = createHash('sha256');
    let size = 0;
    let index = 0;
    // The piece being filled, and how much of it is.
    let piece = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
    let filled = 0;
    const write = async (bytes: Buffer) => {
      await insertUploadChunk(db, upload, index++, bytes);
    };
    try {
      for await (const data of source as AsyncIterable<Buffer>) {
        size += data.length;
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(data);
        let offset = 0;
        while (offset < data.length) {
          const copied = data.copy(piece, filled, offset);
          offset += copied;
          filled += copied;
          if (filled === BLOB_CHUNK_BYTES) {
            await write(piece);
            piece = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
            filled = 0;
          }
        }
      }
      if (filled > 0) await write(piece.subarray(0, filled));
      const blob = { key: hash.digest('hex'), size };
      await commit(upload.uploadKey, blob);
      return blob;
    } catch (error) {
      source.destroy();
      await deleteUploadChunks(db, upload.uploadKey);
      throw error;
    }
  };

  return {
    put,
    async putBuffer(bytes: Buffer): Promise<StoredBlob> {
      const key = createHash('sha256').update(bytes).digest('hex');
      if ((await findBlobSize(db, key)) !== undefined) return { key, size: bytes.length };
      return put(Readable.from([bytes]), bytes.length);
    },
    async remove(key: string): Promise<void> {
      if (!BLOB_KEY_PATTERN.test(key)) return;
      await db.transaction().execute((trx) => deleteBlob(trx, key));
    },
    async open(key: string): Promise<OpenBlob | undefined> {
      if (!BLOB_KEY_PATTERN.test(key)) return undefined;
      const size = await findBlobSize(db, key);
      return size === undefined ? undefined : { size, stream: chunkStream(db, key, size) };
    },
  };
}

/**
 * The blob `key`'s `size` bytes, one piece per query, the next asked for only when the consumer
 * has drained the last below the stream's high-water mark (Node calls `read` again only then).
 * Fails if a piece is missing or the pieces do not add up to `size`.
 */
function chunkStream(db: Store['db'], key: string, size: number): Readable {
  let index = 0;
  let sent = 0;
  return new Readable({
    read() {
      if (sent === size) {
        this.push(null);
        return;
      }
      findBlobChunk(db, key, index).then(
        (bytes) => {
          if (!bytes || bytes.length === 0 || sent + bytes.length > size) {
            this.destroy(new Error(`blob ${key}: piece ${index} does not fit its size ${size}`));
            return;
          }
          index++;
          sent += bytes.length;
          this.push(bytes);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}
