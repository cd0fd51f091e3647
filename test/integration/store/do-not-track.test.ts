import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DoNotTrackRow,
  deleteDoNotTrack,
  findDoNotTrack,
  findDoNotTrackEntry,
  insertDoNotTrack,
  listDoNotTrack,
  newId,
  type UserRow,
} from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const entry = (user: UserRow, value: string, overrides: Partial<DoNotTrackRow> = {}) => ({
  id: newId(),
  workspaceId: user.workspaceId,
  entry: value,
  source: 'admin' as const,
  createdBy: user.id,
  createdAt: Date.UTC(2026, 10, 30),
  ...overrides,
});

for (const engine of testEngines()) {
  describe(`the do_not_track table (${engine})`, () => {
    const test = useTestStore(engine);

    it('adds an entry once per workspace, listing each workspace’s own in order', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const other = await insertTestUser(db, { role: 'admin' });
      const bank = entry(admin, '@bank.it');
      const mario = entry(admin, 'mario@example.org', { source: 'opt_out', createdBy: null });
      const anna = entry(admin, 'anna@example.org');
      assert.equal(await insertDoNotTrack(db, mario), true);
      assert.equal(await insertDoNotTrack(db, bank), true);
      assert.equal(await insertDoNotTrack(db, anna), true);
      assert.equal(await insertDoNotTrack(db, entry(admin, '@bank.it')), false, 'already there');
      assert.equal(await insertDoNotTrack(db, entry(other, '@bank.it')), true, 'another workspace');

      // In byte order, domains ('@…') first, as SQLite and PostgreSQL's C collation sort.
      // Each with the name of who added it (issue 16, point 9: the list said "an admin").
      const by = (name: string | null) => (row: DoNotTrackRow) => ({ ...row, createdByName: name });
      assert.deepEqual(await listDoNotTrack(db, admin.workspaceId), [
        by(admin.name)(bank),
        by(admin.name)(anna),
        by(null)(mario),
      ]);
      assert.deepEqual(
        (await listDoNotTrack(db, other.workspaceId)).map((row) => row.entry),
        ['@bank.it'],
      );
    });

    it('finds which of an address’s candidates are listed, in its own workspace only', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const other = await insertTestUser(db, { role: 'admin' });
      await insertDoNotTrack(db, entry(admin, '@bank.it'));
      await insertDoNotTrack(db, entry(other, 'anna@bank.it'));
      assert.deepEqual(
        await findDoNotTrack(db, admin.workspaceId, ['anna@bank.it', '@bank.it']),
        new Set(['@bank.it']),
      );
      assert.deepEqual(
        await findDoNotTrack(db, other.workspaceId, ['anna@bank.it', '@bank.it']),
        new Set(['anna@bank.it']),
      );
      assert.deepEqual(await findDoNotTrack(db, admin.workspaceId, ['x@example.org']), new Set());
      assert.deepEqual(await findDoNotTrack(db, admin.workspaceId, []), new Set());
    });

    it('removes an entry from its workspace only, and says whether there was one', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const other = await insertTestUser(db, { role: 'admin' });
      await insertDoNotTrack(db, entry(admin, '@bank.it'));
      await insertDoNotTrack(db, entry(other, '@bank.it'));
      assert.equal(await deleteDoNotTrack(db, admin.workspaceId, '@bank.it', 'admin'), true);
      assert.equal(await deleteDoNotTrack(db, admin.workspaceId, '@bank.it', 'admin'), false);
      assert.deepEqual(await listDoNotTrack(db, admin.workspaceId), []);
      assert.equal((await listDoNotTrack(db, other.workspaceId)).length, 1);
      // Gone, it can be added again.
      assert.equal(await insertDoNotTrack(db, entry(admin, '@bank.it')), true);
    });

    it('removes an entry only as its source: an admin’s delete never takes an opt-out', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const optOut = { source: 'opt_out' as const, createdBy: null };
      await insertDoNotTrack(db, entry(admin, 'josé@example.org', optOut));
      await insertDoNotTrack(db, entry(admin, 'anna@example.org'));
      assert.equal(
        await deleteDoNotTrack(db, admin.workspaceId, 'josé@example.org', 'admin'),
        false,
      );
      assert.equal(
        await deleteDoNotTrack(db, admin.workspaceId, 'anna@example.org', 'opt_out'),
        false,
      );
      assert.equal((await listDoNotTrack(db, admin.workspaceId)).length, 2);
      assert.equal(
        await deleteDoNotTrack(db, admin.workspaceId, 'josé@example.org', 'opt_out'),
        true,
      );
      assert.equal(
        (await findDoNotTrackEntry(db, admin.workspaceId, 'anna@example.org'))?.source,
        'admin',
      );
      assert.equal(await findDoNotTrackEntry(db, admin.workspaceId, 'josé@example.org'), undefined);
    });

    it('lets a recipient’s opt-out take over an admin’s entry, never the other way round', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const T1 = Date.UTC(2026, 11, 2, 9);
      const optOut = { source: 'opt_out' as const, createdBy: null, createdAt: T1 };
      await insertDoNotTrack(db, entry(admin, 'anna@example.org'));
      assert.equal(await insertDoNotTrack(db, entry(admin, 'anna@example.org', optOut)), true);
      const taken = await findDoNotTrackEntry(db, admin.workspaceId, 'anna@example.org');
      assert.deepEqual([taken?.source, taken?.createdBy, taken?.createdAt], ['opt_out', null, T1]);
      // A second opt-out, or an admin's entry afterwards, changes nothing.
      const later = { ...optOut, createdAt: T1 + 1000 };
      assert.equal(await insertDoNotTrack(db, entry(admin, 'anna@example.org', later)), false);
      assert.equal(await insertDoNotTrack(db, entry(admin, 'anna@example.org')), false);
      const kept = await findDoNotTrackEntry(db, admin.workspaceId, 'anna@example.org');
      assert.deepEqual([kept?.source, kept?.createdAt], ['opt_out', T1]);
    });
  });
}
