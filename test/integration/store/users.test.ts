import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anyUserExists,
  findUserByEmail,
  findUserById,
  insertUser,
  insertWorkspace,
  isUniqueViolation,
  listMemberEmails,
  listUsers,
  listWorkspaceAdmins,
  newId,
  updateUserProfile,
} from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
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
      const inserted = await insertUser(db, { ...user, id: newId(), email: 'same@example.com' });
      assert.deepEqual(await findUserByEmail(db, 'SAME@example.com'), inserted);
      assert.equal(inserted.language, 'en', 'the default language');
      assert.deepEqual(await findUserById(db, inserted.id), inserted);
      await assert.rejects(
        insertUser(db, { ...user, id: newId(), email: 'same@example.com' }),
        (error) => isUniqueViolation(error),
      );
      assert.equal(await anyUserExists(db), true);
      assert.equal(await findUserById(db, newId()), undefined);
    });

    it('lists a workspace’s users by age, its admins, and its members’ addresses', async () => {
      const { db } = test.store;
      const T0 = Date.UTC(2026, 10, 30);
      const second = await insertTestUser(db, { role: 'admin', language: 'it', createdAt: T0 + 2 });
      const { workspaceId } = second;
      const admin = await insertTestUser(db, { workspaceId, role: 'admin', createdAt: T0 });
      const member = await insertTestUser(db, {
        workspaceId,
        email: 'anna@example.com',
        createdAt: T0 + 1,
      });
      const stranger = await insertTestUser(db, { role: 'admin', createdAt: T0 - 1 });

      assert.deepEqual(await listUsers(db, workspaceId), [admin, member, second]);
      assert.deepEqual(
        await listWorkspaceAdmins(db, workspaceId),
        [
          { id: admin.id, language: 'en' },
          { id: second.id, language: 'it' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      const empty = newId();
      assert.deepEqual(
        await listMemberEmails(db, [workspaceId, stranger.workspaceId, empty]),
        new Map([
          [workspaceId, new Set([admin.email, 'anna@example.com', second.email])],
          [stranger.workspaceId, new Set([stranger.email])],
          [empty, new Set()],
        ]),
      );
      assert.deepEqual(await listMemberEmails(db, []), new Map());
    });

    it('changes a profile’s name and language, only what is given', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      await updateUserProfile(db, user.id, { language: 'it' });
      assert.deepEqual(await findUserById(db, user.id), { ...user, language: 'it' });
      await updateUserProfile(db, user.id, { name: 'Anna Bianchi' });
      await updateUserProfile(db, user.id, {});
      assert.deepEqual(await findUserById(db, user.id), {
        ...user,
        name: 'Anna Bianchi',
        language: 'it',
      });
    });
  });
}
