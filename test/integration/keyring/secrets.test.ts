import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSecrets } from '../../../src/keyring/index.js';
import { testEngines } from '../../helpers/engines.js';
import { testConfig, useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the installation's secret (${engine})`, () => {
    const test = useTestStore(engine);

    it('is generated once and reused', async () => {
      const config = testConfig(test.database);
      const first = await loadSecrets(config, test.store);
      const second = await loadSecrets(config, test.store);
      assert.deepEqual(first, second);
      assert.equal(first.length, 1);
      assert.ok(first[0]!.length >= 32);
      if (engine === 'sqlite') {
        const file = join(test.database.dataDir, 'secret');
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.equal(readFileSync(file, 'utf8').trim(), first[0]);
      } else {
        // Every node of a PostgreSQL installation shares the one in the database.
        const row = await test.store.db
          .selectFrom('instanceSettings')
          .select('value')
          .where('key', '=', 'secret')
          .executeTakeFirst();
        assert.equal(row?.value, first[0]);
      }
    });

    it('comes from SECRET when it is set, newest first', async () => {
      const config = testConfig(test.database, { SECRET: `${'e'.repeat(32)},${'d'.repeat(32)}` });
      assert.deepEqual(await loadSecrets(config, test.store), ['e'.repeat(32), 'd'.repeat(32)]);
    });
  });
}

describe('the secret file', () => {
  const test = useTestStore('sqlite');

  it('is made private again when found readable by others', async () => {
    const file = join(test.database.dataDir, 'secret');
    writeFileSync(file, `${'s'.repeat(40)}\n`, { mode: 0o644 });
    const secrets = await loadSecrets(testConfig(test.database), test.store);
    assert.deepEqual(secrets, ['s'.repeat(40)]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('is refused when it holds too short a secret, rather than replaced', async () => {
    const file = join(test.database.dataDir, 'secret');
    writeFileSync(file, 'short\n', { mode: 0o600 });
    await assert.rejects(loadSecrets(testConfig(test.database), test.store), /no usable secret/);
    assert.equal(readFileSync(file, 'utf8'), 'short\n');
  });
});
