import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBlobBytes, insertBlobOnce } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the blobs table (${engine})`, () => {
    const test = useTestStore(engine);

    it('gives back every byte value exactly, as a Buffer, with its size recorded', async () => {
      const { db } = test.store;
      // Every byte value, NULs and invalid UTF-8 among them, then a larger run.
      const bytes = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        Buffer.alloc(300_000, 0xff),
        Buffer.from([0, 0, 0]),
      ]);
      await insertBlobOnce(db, 'all-bytes', bytes);
      const found = await findBlobBytes(db, 'all-bytes');
      assert.ok(Buffer.isBuffer(found));
      assert.ok(found.equals(bytes), 'the same bytes');
      const { size } = await db
        .selectFrom('blobs')
        .select('size')
        .where('key', '=', 'all-bytes')
        .executeTakeFirstOrThrow();
      assert.equal(size, bytes.length);
    });

    it('keeps the first bytes stored under a key; an empty blob is a blob', async () => {
      const { db } = test.store;
      await insertBlobOnce(db, 'once', Buffer.from('first'));
      await insertBlobOnce(db, 'once', Buffer.from('second'));
      assert.equal((await findBlobBytes(db, 'once'))?.toString(), 'first');
      await insertBlobOnce(db, 'empty', Buffer.alloc(0));
      assert.deepEqual(await findBlobBytes(db, 'empty'), Buffer.alloc(0));
      assert.equal(await findBlobBytes(db, 'missing'), undefined);
    });
  });
}
