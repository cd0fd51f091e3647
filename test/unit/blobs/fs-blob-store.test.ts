import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { fsBlobStore } from '../../../src/blobs/index.js';
import { blobStoreContract } from '../../helpers/blob-store-contract.js';

// Files under a temporary folder: no database, so one run serves both engines.
describe('the fs blob store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailbeacon-blobs-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const blobs = fsBlobStore(dataDir);
  const root = join(dataDir, 'blobs');

  blobStoreContract(
    () => blobs,
    () => (existsSync(root) ? readdirSync(root).filter((name) => name.startsWith('.upload-')) : []),
  );
});
