import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import type { BlobStore } from './blob-store.js';
import { databaseBlobStore } from './database-blob-store.js';
import { fsBlobStore } from './fs-blob-store.js';

export {
  BLOB_KEY_PATTERN,
  type BlobStore,
  BlobTooLargeError,
  type OpenBlob,
  type StoredBlob,
} from './blob-store.js';
export { BLOB_CHUNK_BYTES, databaseBlobStore } from './database-blob-store.js';
export { fsBlobStore } from './fs-blob-store.js';

export function createBlobStore(config: Config, store: Store): BlobStore {
  return config.blobStore === 'postgres'
    ? databaseBlobStore(store.db)
    : fsBlobStore(config.dataDir);
}
