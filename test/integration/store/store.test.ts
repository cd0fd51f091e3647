import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { useTestStore } from '../../helpers/test-store.js';

const MIGRATIONS = [
  '2026_11_27_000000_accounts',
  '2026_11_27_010000_messages',
  '2026_11_27_020000_events',
  '2026_11_27_030000_notifications',
  '2026_11_28_000000_hot_path_indexes',
  '2026_11_30_000000_hit_log',
  '2026_11_30_010000_hit_log_position',
  '2026_11_30_020000_one_recipient_index',
  '2026_11_30_030000_hot_query_indexes',
  '2026_11_30_100000_notification_sequence',
  '2026_12_01_000000_blob_chunks',
  '2026_12_02_010000_address_keys',
  '2026_12_02_010100_opt_out_log',
  '2026_12_02_020000_retention_and_erasure',
  '2026_12_02_040000_tracking_policy',
  '2026_12_03_000000_postgres_batch_writes',
  '2026_12_03_001000_removed_members',
  '2026_12_03_020000_dev_inbox_workspace',
  '2026_12_03_060000_chat_line_folds',
  '2026_12_03_080000_password_resets',
  '2026_12_04_040000_retracted_notifications',
  '2026_12_04_041000_submissions',
  '2026_12_04_042000_tracking_default',
  '2026_12_04_043000_attachment_references',
  '2026_12_04_044000_shared_mailbox',
  '2026_12_04_060000_line_facts',
  '2026_12_05_010000_message_search',
  '2026_12_05_020000_notification_labels',
  '2026_12_05_030000_job_groups',
];

for (const engine of testEngines()) {
  describe(`store (${engine})`, () => {
    const test = useTestStore(engine, { migrate: false });

    it('migrates a fresh database, and a second time does nothing', async () => {
      const { store } = test;
      assert.deepEqual(await store.migrate(), MIGRATIONS);
      assert.deepEqual(await store.migrate(), []);
      assert.equal(store.engine, engine);
    });
  });
}

if (testEngines().includes('postgres')) {
  describe('store (postgres), several nodes starting at once', () => {
    const stores: Store[] = [];
    after(async () => {
      await Promise.all(stores.map((store) => store.close()));
    });

    it('creates the schema and applies each migration once, whichever node gets there first', async () => {
      const database = await createTestDatabase('postgres');
      const config = loadConfig({ ...database.env, DATABASE_POOL_SIZE: '3', LOG_LEVEL: 'silent' });
      assert.equal(config.database.engine === 'postgres' && config.database.poolSize, 3);
      // Three nodes on a schema that does not exist yet, as a fresh deployment starts them.
      const opened = await Promise.all(
        [1, 2, 3].map(() => openStore(config.database, { schema: database.schema })),
      );
      stores.push(...opened);
      const applied = await Promise.all(opened.map((store) => store.migrate()));
      assert.deepEqual(applied.flat().sort(), MIGRATIONS);
      const { rows } = await opened[0]!.db
        .withoutPlugins()
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()
        .then((names) => ({ rows: names as { name: string }[] }));
      assert.deepEqual(rows.map((row) => row.name).sort(), MIGRATIONS);
      for (const store of opened) assert.deepEqual(await store.migrate(), []);
    });

    it('gives each installation (schema) of one database its own leases', async () => {
      // Advisory locks belong to the database: keyed by name alone, an installation in another
      // schema (another team, a test beside this one) would hold this one's processing lease.
      const installations = await Promise.all(
        [1, 2].map(async () => {
          const database = await createTestDatabase('postgres');
          const config = loadConfig({ ...database.env, LOG_LEVEL: 'silent' });
          const store = await openStore(config.database, { schema: database.schema });
          stores.push(store);
          return store;
        }),
      );
      const stop = new AbortController();
      const leases = await Promise.all(
        installations.map((store) =>
          store.acquireLease('processing', { retryMs: 50, signal: stop.signal }),
        ),
      );
      assert.ok(leases.every(Boolean), 'both hold the processing lease at once');
      await Promise.all(leases.map((lease) => lease!.release()));
    });
  });
}
