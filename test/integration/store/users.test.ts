import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anyUserExists,
  findUserByEmail,
  insertUser,
  insertWorkspace,
  isUniqueViolation,
  newId,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the users table (${engine})`, () => {
    const test = useTestStore(engine);

    it('keeps one account per email whatever its case, and reports the violation alike', async () => {
      const { db } = test.store;
      assert.equal(await anyUserExists(db), false);
      const workspace = await insertWorkspace(db, {
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
      await insertUser(db, { ...user, id: newId(), email: 'same@example.com' });
      assert.equal((await findUserByEmail(db, 'SAME@example.com'))?.email, 'same@example.com');
      await assert.rejects(
        insertUser(db, { ...user, id: newId(), email: 'same@example.com' }),
        (error) => isUniqueViolation(error),
      );
      assert.equal(await anyUserExists(db), true);
    });
  });
}
