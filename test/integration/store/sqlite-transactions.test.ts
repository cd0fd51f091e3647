import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { testConfig, useTestStore } from '../../helpers/test-store.js';

describe('transactions on SQLite', () => {
  const test = useTestStore('sqlite');

  it('take the write lock when they begin, so a write after another connection’s commit waits rather than fails', async () => {
    const config = testConfig(test.database).database;
    if (config.engine !== 'sqlite') throw new Error('a SQLite test store');
    // Another connection to the same file (as the processing thread has), not willing to wait.
    const other = new Database(config.file);
    other.pragma('busy_timeout = 0');
    try {
      await test.store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('workspaces').selectAll().execute();
        // A deferred transaction would hold only a read snapshot here, and the other
        // connection's write would commit — and this one's first write then fail with
        // SQLITE_BUSY_SNAPSHOT. Begun IMMEDIATE, it holds the write lock already.
        assert.throws(
          () =>
            other.exec(
              "insert into instance_settings (key, value, updated_at) values ('probe', 'x', 1)",
            ),
          /SQLITE_BUSY|database is locked/,
        );
        await trx
          .insertInto('instanceSettings')
          .values({ key: 'mine', value: 'y', updatedAt: 1 })
          .execute();
      });
      other.exec("insert into instance_settings (key, value, updated_at) values ('probe', 'x', 1)");
      const keys = other.prepare('select key from instance_settings order by key').pluck().all();
      assert.ok(keys.includes('mine') && keys.includes('probe'));
    } finally {
      other.close();
    }
  });
});
