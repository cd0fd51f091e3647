import { describe } from 'node:test';
import { databaseBlobStore } from '../../../src/blobs/index.js';
import { blobStoreContract } from '../../helpers/blob-store-contract.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

// The fs blob store's run of the same tests is test/unit/blobs (it needs no database).
for (const engine of testEngines()) {
  describe(`the database blob store (${engine})`, () => {
    const test = useTestStore(engine);
    blobStoreContract(() => databaseBlobStore(test.store.db));
  });
}
