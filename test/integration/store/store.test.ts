import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`store (${engine})`, () => {
    const test = useTestStore(engine, { migrate: false });

    it('migrates a fresh database, and a second time does nothing', async () => {
      const { store } = test;
      assert.deepEqual(await store.migrate(), [
        '2026_11_27_000000_accounts',
        '2026_11_27_010000_messages',
        '2026_11_27_020000_events',
        '2026_11_27_030000_notifications',
        '2026_11_28_000000_hot_path_indexes',
        '2026_11_30_000000_hit_log',
        '2026_11_30_010000_hit_log_position',
        '2026_11_30_020000_one_recipient_index',
      ]);
      assert.deepEqual(await store.migrate(), []);
      assert.equal(store.engine, engine);
    });
  });
}
