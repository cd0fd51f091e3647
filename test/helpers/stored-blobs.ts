/**
 * What a test service's blob store holds, read beneath the BlobStore interface (which can only
 * open a key already known): the files under `DATA_DIR/blobs`, or on PostgreSQL the `blobs`
 * rows and every piece in `blob_chunks`, committed or not. For tests that check a refused
 * upload or mail left no bytes behind.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestService } from './test-service.js';

export interface StoredBlobs {
  /** The blobs' keys (SHA-256), sorted. */
  readonly keys: string[];
  /** Files or pieces not (yet) a blob: temporary files, uncommitted pieces. */
  readonly loose: number;
}

export async function storedBlobs(server: TestService): Promise<StoredBlobs> {
  const { config, store } = server.service.app;
  if (config.blobStore === 'postgres') {
    const blobs = await store.db.selectFrom('blobs').select('key').execute();
    const loose = await store.db
      .selectFrom('blobChunks')
      .select('blobKey')
      .where('uploadStartedAt', 'is not', null)
      .execute();
    return { keys: blobs.map((b) => b.key).sort(), loose: loose.length };
  }
  const root = join(config.dataDir, 'blobs');
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    names = [];
  }
  const keys = names.filter((name) => /^[0-9a-f]{64}$/.test(name)).sort();
  return { keys, loose: names.length - keys.length };
}
