import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { internalNetworks } from '../../../src/pipeline/internal-networks.js';
import { insertWorkspace, newId, openStore, type Store } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

for (const engine of testEngines()) {
  describe(`a workspace's internal networks (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;

    before(async () => {
      database = await createTestDatabase(engine);
      store = await openStore(loadConfig({ ...database.env, LOG_LEVEL: 'silent' }).database, {
        schema: database.schema,
        maxConnections: 2,
      });
      await store.migrate();
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    it('match every entry that parses, and warn with the workspace of each that does not', async () => {
      const workspaceId = newId();
      // As stored before the settings were validated with the classifier's parser: the mapped
      // network and the zero-padded prefix were accepted then and lost by the classifier.
      const listed = [
        '10.20.0.0/16',
        '::ffff:10.30.0.0/112',
        '10.40.0.0/0016',
        'not a network',
        '::ffff:10.50.0.1/64',
      ];
      await insertWorkspace(store.db, {
        id: workspaceId,
        name: 'Office',
        createdAt: Date.now(),
        settings: JSON.stringify({ internalNetworks: listed }),
      });
      const warnings: { fields: Record<string, unknown>; message: string }[] = [];
      const networks = internalNetworks({
        warn: (fields: Record<string, unknown>, message: string) => {
          warnings.push({ fields, message });
        },
      } as never);
      try {
        for (const ip of ['10.20.3.4', '10.30.1.2', '::ffff:10.30.9.9', '10.40.200.1']) {
          assert.equal(await networks.contains(store.db, workspaceId, ip), true, ip);
        }
        for (const ip of ['10.50.0.1', '10.60.0.1', '2001:db8::1']) {
          assert.equal(await networks.contains(store.db, workspaceId, ip), false, ip);
        }
      } finally {
        networks.close();
      }
      assert.deepEqual(
        warnings.map((w) => [w.fields.workspaceId, w.fields.cidr]),
        [
          [workspaceId, 'not a network'],
          [workspaceId, '::ffff:10.50.0.1/64'],
        ],
      );
      for (const { fields, message } of warnings) {
        assert.ok(fields.err instanceof Error);
        assert.match(message, /internal network setting does not parse/);
      }
    });
  });
}
