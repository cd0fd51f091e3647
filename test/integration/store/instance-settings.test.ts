import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertInstanceSettingOnce, putInstanceSettingOnce } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { openTestStore, useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the instance_settings table (${engine})`, () => {
    const test = useTestStore(engine);

    it('stores a value under a key once: only the first writer is told it stored it', async () => {
      const { db } = test.store;
      assert.equal(await insertInstanceSettingOnce(db, 'secret', 'first'), true);
      assert.equal(await insertInstanceSettingOnce(db, 'secret', 'second'), false);
      assert.equal(await putInstanceSettingOnce(db, 'secret', 'third'), 'first');
      assert.equal(await putInstanceSettingOnce(db, 'other', 'own'), 'own');
    });

    it('stores an instance setting once, even when two writers race', async () => {
      const other = await openTestStore(test.database, { migrate: false });
      try {
        const [a, b] = await Promise.all([
          putInstanceSettingOnce(test.store.db, 'race', 'first'),
          putInstanceSettingOnce(other.db, 'race', 'second'),
        ]);
        assert.equal(a, b);
        assert.ok(a === 'first' || a === 'second', a);
        assert.equal(await putInstanceSettingOnce(test.store.db, 'race', 'third'), a);
      } finally {
        await other.close();
      }
    });
  });
}
