import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type ConsentRow,
  deleteConsentsOf,
  insertConsent,
  listConsents,
  newId,
  type UserRow,
} from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`consents table (${engine})`, () => {
    const test = useTestStore(engine);
    let admin: UserRow;
    let other: UserRow;

    const row = (
      user: UserRow,
      addressKey: string,
      at: number,
      overrides: Partial<ConsentRow> = {},
    ): ConsentRow => ({
      id: newId(at),
      workspaceId: user.workspaceId,
      addressKey,
      email: addressKey,
      action: 'given',
      at,
      source: 'import',
      proof: 'signed form',
      recipientId: null,
      userId: user.id,
      ...overrides,
    });

    before(async () => {
      admin = await insertTestUser(test.store.db, { role: 'admin' });
      other = await insertTestUser(test.store.db, { role: 'admin' });
      const { db } = test.store;
      const t0 = Date.UTC(2026, 11, 1);
      for (const consent of [
        row(admin, 'josé.ünal@xn--bcher-kva.example', t0 + 2_000, {
          email: 'JOSÉ.Ünal@Bücher.example',
        }),
        row(admin, 'ada@example.org', t0),
        row(admin, 'ada@example.org', t0 + 1_000, {
          action: 'withdrawn',
          source: 'privacy_page',
          recipientId: 'r1',
          userId: null,
        }),
        row(admin, 'ada@example.org', t0 + 3_000, {
          source: 'privacy_page',
          recipientId: 'r2',
          userId: null,
        }),
        row(other, 'ada@example.org', t0 + 500),
      ]) {
        await insertConsent(db, consent);
      }
    });

    it('lists a workspace’s rows oldest first, every column as written, only its own', async () => {
      const rows = await listConsents(test.store.db, admin.workspaceId);
      assert.deepEqual(
        rows.map((r) => [r.addressKey, r.action, r.source, r.recipientId]),
        [
          ['ada@example.org', 'given', 'import', null],
          ['ada@example.org', 'withdrawn', 'privacy_page', 'r1'],
          ['josé.ünal@xn--bcher-kva.example', 'given', 'import', null],
          ['ada@example.org', 'given', 'privacy_page', 'r2'],
        ],
      );
      assert.equal(rows[2]!.email, 'JOSÉ.Ünal@Bücher.example');
      assert.equal(typeof rows[0]!.at, 'number');
      assert.equal((await listConsents(test.store.db, other.workspaceId)).length, 1);
    });

    it('finds rows by address key, and none for an empty list of keys', async () => {
      const { db } = test.store;
      const jose = await listConsents(db, admin.workspaceId, ['josé.ünal@xn--bcher-kva.example']);
      assert.equal(jose.length, 1);
      // The key is compared as written: a key is already folded, never SQL's lower().
      assert.deepEqual(
        await listConsents(db, admin.workspaceId, ['JOSÉ.ünal@xn--bcher-kva.example']),
        [],
      );
      assert.deepEqual(await listConsents(db, admin.workspaceId, []), []);
    });

    it('deletes one address key’s rows in one workspace (the erasure’s step), saying how many', async () => {
      const { db } = test.store;
      assert.equal(await deleteConsentsOf(db, admin.workspaceId, 'ada@example.org'), 3);
      assert.equal(await deleteConsentsOf(db, admin.workspaceId, 'ada@example.org'), 0);
      assert.deepEqual(
        (await listConsents(db, admin.workspaceId)).map((r) => r.addressKey),
        ['josé.ünal@xn--bcher-kva.example'],
      );
      assert.equal(
        (await listConsents(db, other.workspaceId)).length,
        1,
        'another workspace keeps its own',
      );
    });
  });
}
