import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBlobSize, insertBlobOnce } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the blobs table (${engine})`, () => {
    const test = useTestStore(engine);

    it('records a blob once, the first size kept, and finds its size', async () => {
      const { db } = test.store;
      assert.equal(await insertBlobOnce(db, { key: 'once', size: 9_007_199_254 }), true);
      assert.equal(await insertBlobOnce(db, { key: 'once', size: 3 }), false);
      assert.equal(await findBlobSize(db, 'once'), 9_007_199_254);
      assert.equal(await insertBlobOnce(db, { key: 'empty', size: 0 }), true);
      assert.equal(await findBlobSize(db, 'empty'), 0);
      assert.equal(await findBlobSize(db, 'missing'), undefined);
    });

    it('records a blob only with the transaction it is part of', async () => {
      const { db } = test.store;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await insertBlobOnce(trx, { key: 'rolled', size: 1 });
          throw new Error('the commit failed');
        }),
        /the commit failed/,
      );
      assert.equal(await findBlobSize(db, 'rolled'), undefined);
    });
  });
}
