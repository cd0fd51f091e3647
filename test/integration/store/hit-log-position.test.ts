import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHitLogPosition, saveHitLogPosition } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the hit_log_position table (${engine})`, () => {
    const test = useTestStore(engine);

    it('starts at 0, keeps the last position saved for each log, and comes back a number', async () => {
      const { db } = test.store;
      assert.equal(await findHitLogPosition(db, 'hits'), 0);
      await saveHitLogPosition(db, 'hits', 41);
      await saveHitLogPosition(db, 'hits', 9_007_199_254);
      await saveHitLogPosition(db, 'other', 7);
      assert.equal(await findHitLogPosition(db, 'hits'), 9_007_199_254);
      assert.equal(await findHitLogPosition(db, 'other'), 7);
    });

    it('saves a position only with the transaction it is part of', async () => {
      const { store } = test;
      await saveHitLogPosition(store.db, 'rolled', 5);
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await saveHitLogPosition(trx, 'rolled', 6);
          throw new Error('the batch failed');
        }),
        /the batch failed/,
      );
      assert.equal(await findHitLogPosition(store.db, 'rolled'), 5);
    });
  });
}
