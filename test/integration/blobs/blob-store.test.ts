import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import {
  type BlobStore,
  BlobTooLargeError,
  databaseBlobStore,
  fsBlobStore,
} from '../../../src/blobs/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A stream of the bytes in chunks, as an upload arrives. */
const chunked = (bytes: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

for (const engine of testEngines()) {
  for (const kind of ['fs', 'database'] as const) {
    describe(`the ${kind} blob store (${engine})`, () => {
      const test = useTestStore(engine);
      let blobs: BlobStore;
      before(async () => {
        blobs =
          kind === 'fs' ? fsBlobStore(test.database.dataDir) : databaseBlobStore(test.store.db);
      });

      it('keeps streamed bytes under their SHA-256 and gives them back whole', async () => {
        const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
        const stored = await blobs.put(chunked(bytes), 10_000);
        assert.deepEqual(stored, { key: sha256(bytes), size: 5000 });
        assert.deepEqual(await blobs.get(stored.key), bytes);
      });

      it('stores equal contents once, however they arrive', async () => {
        const bytes = Buffer.from('the same attachment, twice');
        const a = await blobs.putBuffer(bytes);
        const b = await blobs.put(chunked(bytes, 4), 1000);
        assert.deepEqual(a, b);
        assert.deepEqual(await blobs.get(a.key), bytes);
        assert.deepEqual(await blobs.putBuffer(Buffer.alloc(0)), {
          key: sha256(Buffer.alloc(0)),
          size: 0,
        });
      });

      it('refuses a stream past its limit and keeps nothing of it', async () => {
        const bytes = Buffer.alloc(3000, 7);
        await assert.rejects(blobs.put(chunked(bytes), 2500), BlobTooLargeError);
        assert.equal(await blobs.get(sha256(bytes)), undefined);
        if (kind === 'fs') {
          const left = readdirSync(join(test.database.dataDir, 'blobs'));
          assert.deepEqual(
            left.filter((name) => name.startsWith('.upload-')),
            [],
          );
        }
      });

      it('finds nothing for an unknown or malformed key', async () => {
        assert.equal(await blobs.get('0'.repeat(64)), undefined);
        assert.equal(await blobs.get('../../secret'), undefined);
      });
    });
  }
}
