import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BLOB_KEY_PATTERN,
  type BlobStore,
  BlobTooLargeError,
  type OpenBlob,
  type StoredBlob,
} from './blob-store.js';

/**
 * Bytes under `DATA_DIR/blobs/ab/abcdef…`: written to a temporary file while hashed, then renamed
 * into place, so a reader never sees half a file and equal contents are stored once.
 */
export function fsBlobStore(dataDir: string): BlobStore {
  const root = join(dataDir, 'blobs');
  const pathOf = (key: string) => join(root, key.slice(0, 2), key);

  async function settle(temp: string, key: string): Promise<void> {
    await mkdir(join(root, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    await rename(temp, pathOf(key));
  }

  return {
    async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
      await mkdir(root, { recursive: true, mode: 0o700 });
      const temp = join(root, `.upload-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(temp, { mode: 0o600 }),
        );
        const key = hash.digest('hex');
        await settle(temp, key);
        return { key, size };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async putBuffer(bytes: Buffer): Promise<StoredBlob> {
      await mkdir(root, { recursive: true, mode: 0o700 });
      const key = createHash('sha256').update(bytes).digest('hex');
      const temp = join(root, `.upload-${randomBytes(8).toString('hex')}`);
      await writeFile(temp, bytes, { mode: 0o600 });
      await settle(temp, key);
      return { key, size: bytes.length };
    },

    async remove(key: string): Promise<void> {
      if (!BLOB_KEY_PATTERN.test(key)) return;
      await rm(pathOf(key), { force: true });
    },

    async open(key: string): Promise<OpenBlob | undefined> {
      if (!BLOB_KEY_PATTERN.test(key)) return undefined;
      let file: FileHandle;
      try {
        file = await open(pathOf(key), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        // The size of the file opened, not of a path that could change in between.
        const { size } = await file.stat();
        return { size, stream: file.createReadStream() };
      } catch (error) {
        await file.close();
        throw error;
      }
    },
  };
}
