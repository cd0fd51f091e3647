import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  insertSession,
} from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const NOW = Date.UTC(2026, 10, 30, 12);

for (const engine of testEngines()) {
  describe(`the sessions table (${engine})`, () => {
    const test = useTestStore(engine);
    const sessionIds = async (userId: string) =>
      (
        await test.store.db
          .selectFrom('sessions')
          .select('id')
          .where('userId', '=', userId)
          .orderBy('id')
          .execute()
      ).map((r) => r.id);

    it('finds a session’s user until it expires, and deletes only expired ones', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'admin' });
      const session = (id: string, expiresAt: number) =>
        insertSession(db, { id, userId: user.id, createdAt: NOW - 1000, expiresAt });
      await session('live', NOW + 1);
      await session('ends-now', NOW);
      await session('dead', NOW - 1);
      assert.deepEqual(await findSessionUser(db, 'live', NOW), user);
      assert.equal(await findSessionUser(db, 'ends-now', NOW), undefined, 'expired at its end');
      assert.equal(await findSessionUser(db, 'dead', NOW), undefined);
      assert.equal(await findSessionUser(db, 'unknown', NOW), undefined);
      await deleteExpiredSessions(db, NOW);
      assert.deepEqual(await sessionIds(user.id), ['live']);
    });

    it('deletes one session (a logout), leaving the user’s others', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      for (const id of ['laptop', 'phone']) {
        await insertSession(db, { id, userId: user.id, createdAt: NOW, expiresAt: NOW + 1000 });
      }
      await deleteSession(db, 'laptop');
      await deleteSession(db, 'laptop');
      assert.deepEqual(await sessionIds(user.id), ['phone']);
      assert.equal(await findSessionUser(db, 'laptop', NOW), undefined);
    });
  });
}
