import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  claimInvite,
  findInviteByTokenHash,
  type InviteRow,
  insertInvite,
  isUniqueViolation,
  newId,
  type UserRow,
} from '../../../src/store/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 9);

const invite = (admin: UserRow, overrides: Partial<InviteRow> = {}): InviteRow => ({
  id: newId(T0),
  workspaceId: admin.workspaceId,
  email: 'luigi@example.com',
  role: 'member',
  tokenHash: `hash-${newId()}`,
  createdBy: admin.id,
  createdAt: T0,
  expiresAt: T0 + 7 * DAY_MS,
  usedAt: null,
  ...overrides,
});

for (const engine of testEngines()) {
  describe(`the invites table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds an invite by its token’s hash as written, its expiry an exact number', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const row = invite(admin, { role: 'admin' });
      await insertInvite(db, row);
      assert.deepEqual(await findInviteByTokenHash(db, row.tokenHash), row);
      assert.equal(await findInviteByTokenHash(db, 'hash-unknown'), undefined);
    });

    it('lets one signup claim an invite, and only once', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const row = invite(admin);
      await insertInvite(db, row);
      const [first, second] = await Promise.all([
        claimInvite(db, row.id, T0 + 10),
        claimInvite(db, row.id, T0 + 20),
      ]);
      assert.deepEqual([first, second].sort(), [false, true]);
      assert.equal(await claimInvite(db, row.id, T0 + 30), false);
      const used = await findInviteByTokenHash(db, row.tokenHash);
      assert.ok(used?.usedAt === T0 + 10 || used?.usedAt === T0 + 20, String(used?.usedAt));
      assert.equal(await claimInvite(db, newId(), T0), false, 'an unknown invite');
    });

    it('refuses a second invite with the same token hash', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const row = invite(admin);
      await insertInvite(db, row);
      await assert.rejects(insertInvite(db, { ...row, id: newId() }), (e) => isUniqueViolation(e));
    });
  });
}
