import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  insertWorkspace,
  newId,
  putInstanceSettingOnce,
  type Store,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { openTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`store (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;

    before(async () => {
      database = await createTestDatabase(engine);
      store = await openTestStore(database, { migrate: false });
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    it('migrates a fresh database, and a second time does nothing', async () => {
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

    it('returns epoch milliseconds as numbers on both engines', async () => {
      const createdAt = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
      const workspace = await insertWorkspace(store.db, {
        id: newId(),
        name: 'Numbers',
        createdAt,
      });
      const row = await store.db
        .selectFrom('workspaces')
        .selectAll()
        .where('id', '=', workspace.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.createdAt, createdAt);
      assert.equal(typeof row.createdAt, 'number');
      assert.equal(row.settings, '{}');
    });

    it('stores an instance setting once, even when two writers race', async () => {
      const other = await openTestStore(database, { migrate: false });
      try {
        const [a, b] = await Promise.all([
          putInstanceSettingOnce(store.db, 'race', 'first'),
          putInstanceSettingOnce(other.db, 'race', 'second'),
        ]);
        assert.equal(a, b);
        assert.equal(await putInstanceSettingOnce(store.db, 'race', 'third'), a);
      } finally {
        await other.close();
      }
    });
  });
}
