import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { createKeyring, loadSecrets } from '../../../src/keyring/index.js';
import {
  anyUserExists,
  deleteExpiredSessions,
  findApiKeyOwner,
  findSessionUser,
  findUserByEmail,
  insertApiKey,
  insertSession,
  insertUser,
  insertWorkspace,
  isUniqueViolation,
  newId,
  openStore,
  putInstanceSettingOnce,
  revokeApiKey,
  type Store,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

for (const engine of testEngines()) {
  describe(`store (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;
    const open = () =>
      openStore(loadConfig({ ...database.env, LOG_LEVEL: 'silent' }).database, {
        schema: database.schema,
        maxConnections: 4,
      });

    before(async () => {
      database = await createTestDatabase(engine);
      store = await open();
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

    it('keeps one account per email whatever its case, and reports the violation alike', async () => {
      const workspace = await insertWorkspace(store.db, {
        id: newId(),
        name: 'Emails',
        createdAt: Date.now(),
      });
      const user = {
        workspaceId: workspace.id,
        name: 'A',
        passwordHash: 'x',
        role: 'member' as const,
        createdAt: Date.now(),
      };
      await insertUser(store.db, { ...user, id: newId(), email: 'same@example.com' });
      assert.equal(
        (await findUserByEmail(store.db, 'SAME@example.com'))?.email,
        'same@example.com',
      );
      await assert.rejects(
        insertUser(store.db, { ...user, id: newId(), email: 'same@example.com' }),
        (error) => isUniqueViolation(error),
      );
      assert.equal(await anyUserExists(store.db), true);
    });

    it('finds a session’s user until it expires', async () => {
      const workspace = await insertWorkspace(store.db, {
        id: newId(),
        name: 'Sessions',
        createdAt: Date.now(),
      });
      const user = await insertUser(store.db, {
        id: newId(),
        workspaceId: workspace.id,
        email: 'session@example.com',
        name: 'S',
        passwordHash: 'x',
        role: 'admin',
        createdAt: Date.now(),
      });
      const now = Date.now();
      await insertSession(store.db, {
        id: 'live',
        userId: user.id,
        createdAt: now,
        expiresAt: now + 1000,
      });
      await insertSession(store.db, {
        id: 'dead',
        userId: user.id,
        createdAt: now,
        expiresAt: now - 1,
      });
      assert.equal((await findSessionUser(store.db, 'live', now))?.id, user.id);
      assert.equal(await findSessionUser(store.db, 'dead', now), undefined);
      await deleteExpiredSessions(store.db, now);
      const left = await store.db
        .selectFrom('sessions')
        .select('id')
        .where('userId', '=', user.id)
        .execute();
      assert.deepEqual(
        left.map((r) => r.id),
        ['live'],
      );
    });

    it('finds an API key’s owner by hash until the key is revoked', async () => {
      const workspace = await insertWorkspace(store.db, {
        id: newId(),
        name: 'Keys',
        createdAt: Date.now(),
      });
      const user = await insertUser(store.db, {
        id: newId(),
        workspaceId: workspace.id,
        email: 'keys@example.com',
        name: 'K',
        passwordHash: 'x',
        role: 'member',
        createdAt: Date.now(),
      });
      const key = await insertApiKey(store.db, {
        id: newId(),
        workspaceId: workspace.id,
        userId: user.id,
        name: 'k',
        keyHash: 'hash-1',
        last4: 'abcd',
        createdAt: Date.now(),
      });
      assert.equal((await findApiKeyOwner(store.db, 'hash-1'))?.user.id, user.id);
      await revokeApiKey(store.db, key.id, Date.now());
      assert.equal(await findApiKeyOwner(store.db, 'hash-1'), undefined);
    });

    it('stores an instance setting once, even when two writers race', async () => {
      const other = await open();
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

    it('generates the secret once and reuses it', async () => {
      const config = loadConfig({ ...database.env, LOG_LEVEL: 'silent' });
      const first = await loadSecrets(config, store);
      const second = await loadSecrets(config, store);
      assert.deepEqual(first, second);
      assert.ok(first[0]!.length >= 32);
      if (engine === 'sqlite') {
        const file = join(database.dataDir, 'secret');
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.equal(readFileSync(file, 'utf8').trim(), first[0]);
      } else {
        // Every node of a PostgreSQL installation shares the one in the database.
        const row = await store.db
          .selectFrom('instanceSettings')
          .select('value')
          .where('key', '=', 'secret')
          .executeTakeFirst();
        assert.equal(row?.value, first[0]);
      }
      const fromEnv = await loadSecrets(
        loadConfig({ ...database.env, SECRET: 'e'.repeat(32) }),
        store,
      );
      assert.deepEqual(fromEnv, ['e'.repeat(32)]);
    });
  });
}

describe('secret file', () => {
  it('is made private again when found readable by others', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openStore(loadConfig(database.env).database);
    try {
      const file = join(database.dataDir, 'secret');
      writeFileSync(file, `${'s'.repeat(40)}\n`, { mode: 0o644 });
      const secrets = await loadSecrets(loadConfig(database.env), store);
      assert.deepEqual(secrets, ['s'.repeat(40)]);
      assert.equal(statSync(file).mode & 0o777, 0o600);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('derives distinct keys per purpose, newest secret first, with ids that tell secrets apart', () => {
    const keyring = createKeyring(['n'.repeat(32), 'o'.repeat(32)]);
    const session = keyring.all('session');
    assert.equal(session.length, 2);
    assert.notEqual(session[0]!.id, session[1]!.id);
    assert.equal(keyring.current('session'), session[0]);
    assert.notDeepEqual(keyring.current('session').key, keyring.current('tracking-token').key);
  });
});
