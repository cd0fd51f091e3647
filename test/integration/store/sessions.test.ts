import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteExpiredSessions, findSessionUser, insertSession } from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the sessions table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds a session’s user until it expires', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'admin' });
      const now = Date.now();
      await insertSession(db, {
        id: 'live',
        userId: user.id,
        createdAt: now,
        expiresAt: now + 1000,
      });
      await insertSession(db, { id: 'dead', userId: user.id, createdAt: now, expiresAt: now - 1 });
      assert.equal((await findSessionUser(db, 'live', now))?.id, user.id);
      assert.equal(await findSessionUser(db, 'dead', now), undefined);
      await deleteExpiredSessions(db, now);
      const left = await db
        .selectFrom('sessions')
        .select('id')
        .where('userId', '=', user.id)
        .execute();
      assert.deepEqual(
        left.map((r) => r.id),
        ['live'],
      );
    });
  });
}
