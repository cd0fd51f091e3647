import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commitUploadChunks,
  deleteAbandonedUploadChunks,
  deleteUploadChunks,
  findBlobChunk,
  insertUploadChunk,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

// Every byte value, NULs and invalid UTF-8 among them, then a larger run.
const ALL_BYTES = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.alloc(300_000, 0xff),
  Buffer.from([0, 0, 0]),
]);

for (const engine of testEngines()) {
  describe(`the blob_chunks table (${engine})`, () => {
    const test = useTestStore(engine);

    it('hides an upload’s pieces until committed, then gives back every byte exactly', async () => {
      const { db } = test.store;
      const upload = { uploadKey: 'upload:a', startedAt: Date.now() };
      await insertUploadChunk(db, upload, 0, ALL_BYTES);
      await insertUploadChunk(db, upload, 1, Buffer.from('tail'));
      assert.equal(
        await findBlobChunk(db, 'upload:a', 0),
        undefined,
        'not readable while uploading',
      );
      await commitUploadChunks(db, 'upload:a', 'key-a');
      const first = await findBlobChunk(db, 'key-a', 0);
      assert.ok(Buffer.isBuffer(first));
      assert.ok(first.equals(ALL_BYTES), 'the same bytes');
      assert.deepEqual(await findBlobChunk(db, 'key-a', 1), Buffer.from('tail'));
      assert.equal(await findBlobChunk(db, 'key-a', 2), undefined);
      assert.equal(await findBlobChunk(db, 'upload:a', 0), undefined, 'renamed');
    });

    it('drops an upload’s pieces, never a committed blob’s', async () => {
      const { db } = test.store;
      const upload = { uploadKey: 'upload:b', startedAt: Date.now() };
      await insertUploadChunk(db, upload, 0, Buffer.from('b'));
      await commitUploadChunks(db, 'upload:b', 'key-b');
      await deleteUploadChunks(db, 'key-b');
      assert.deepEqual(await findBlobChunk(db, 'key-b', 0), Buffer.from('b'));

      await insertUploadChunk(
        db,
        { uploadKey: 'upload:c', startedAt: Date.now() },
        0,
        Buffer.from('c'),
      );
      await deleteUploadChunks(db, 'upload:c');
      await commitUploadChunks(db, 'upload:c', 'key-c');
      assert.equal(await findBlobChunk(db, 'key-c', 0), undefined, 'nothing left to commit');
    });

    it('sweeps the pieces of uploads begun before a time, committed or recent ones kept', async () => {
      const { db } = test.store;
      const now = Date.now();
      await insertUploadChunk(
        db,
        { uploadKey: 'upload:old', startedAt: now - 10_000 },
        0,
        Buffer.from('o'),
      );
      await insertUploadChunk(
        db,
        { uploadKey: 'upload:old', startedAt: now - 10_000 },
        1,
        Buffer.from('o'),
      );
      await insertUploadChunk(db, { uploadKey: 'upload:new', startedAt: now }, 0, Buffer.from('n'));
      await insertUploadChunk(
        db,
        { uploadKey: 'upload:done', startedAt: now - 10_000 },
        0,
        Buffer.from('d'),
      );
      await commitUploadChunks(db, 'upload:done', 'key-done');
      assert.equal(await deleteAbandonedUploadChunks(db, now - 5_000), 2);
      await commitUploadChunks(db, 'upload:new', 'key-new');
      await commitUploadChunks(db, 'upload:old', 'key-old');
      assert.deepEqual(await findBlobChunk(db, 'key-new', 0), Buffer.from('n'));
      assert.deepEqual(await findBlobChunk(db, 'key-done', 0), Buffer.from('d'));
      assert.equal(await findBlobChunk(db, 'key-old', 0), undefined);
    });
  });
}
