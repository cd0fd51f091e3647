import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { listConsents, type UserRow } from '../../../src/store/index.js';
import {
  activeConsents,
  consentedKeys,
  consentTimeline,
  hasConsent,
  importConsent,
  recordRecipientConsent,
  withdrawConsentAsAdmin,
} from '../../../src/workspace/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { rejectsWith } from '../../helpers/errors.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 11, 2, 9);

for (const engine of testEngines()) {
  describe(`consents (${engine})`, () => {
    const test = useTestStore(engine);
    let admin: UserRow;

    before(async () => {
      admin = await insertTestUser(test.store.db, { role: 'admin' });
    });

    it('matches every spelling of an address: case, Unicode case folding, NFC/NFD and IDN', async () => {
      const { db } = test.store;
      const ws = admin.workspaceId;
      await importConsent(
        db,
        ws,
        { email: 'JOSÉ.Ünal@Bücher.Example', proof: 'form' },
        admin.id,
        T0,
      );
      await importConsent(db, ws, { email: 'STRAẞE@example.org', proof: 'form' }, admin.id, T0);
      await importConsent(db, ws, { email: 'Σοφία@παράδειγμα.gr', proof: 'form' }, admin.id, T0);
      const spellings = [
        'josé.ünal@bücher.example',
        'jose\u0301.u\u0308nal@BÜCHER.example',
        'JOSÉ.ÜNAL@xn--bcher-kva.example',
        'strasse@EXAMPLE.org',
        'straße@example.org',
        'ΣΟΦΊΑ@ΠΑΡΆΔΕΙΓΜΑ.gr',
      ];
      assert.equal((await consentedKeys(db, ws, spellings)).size, 3);
      for (const email of spellings) assert.equal(await hasConsent(db, ws, email), true, email);
      for (const email of ['jose.unal@bucher.example', 'strase@example.org', 'sofia@example.gr']) {
        assert.equal(await hasConsent(db, ws, email), false, email);
      }
      assert.deepEqual(await consentedKeys(db, ws, []), new Set());
    });

    it('refuses an import without a valid address or with an empty proof', async () => {
      const { db } = test.store;
      for (const email of ['nobody', 'a@b', '@example.org', 'x@exa mple.org']) {
        await rejectsWith(
          importConsent(db, admin.workspaceId, { email, proof: 'p' }, admin.id),
          'MB_ERR_VALIDATION',
        );
      }
      await rejectsWith(
        importConsent(db, admin.workspaceId, { email: 'a@example.org', proof: ' \n ' }, admin.id),
        'MB_ERR_VALIDATION',
      );
      await rejectsWith(
        withdrawConsentAsAdmin(db, admin.workspaceId, 'never@example.org', admin.id),
        'MB_ERR_NOT_FOUND',
      );
    });

    it('records a recipient’s choices once each, with the copy and the page’s words, and tells when consent was in force', async () => {
      const { db } = test.store;
      const ws = admin.workspaceId;
      const copy = { workspaceId: ws, recipientId: 'rcpt-1', email: 'Lucia@Example.org' };
      assert.deepEqual(await recordRecipientConsent(db, copy, 'withdrawn', 'page', T0), {
        consented: false,
        at: T0,
      });
      await recordRecipientConsent(db, copy, 'given', 'offer sentence', T0 + 1_000);
      await recordRecipientConsent(db, copy, 'given', 'pressed twice', T0 + 1_500);
      await recordRecipientConsent(db, copy, 'withdrawn', 'given sentence', T0 + 2_000);
      await recordRecipientConsent(db, copy, 'given', 'offer again', T0 + 3_000);
      const rows = await listConsents(db, ws, ['lucia@example.org']);
      assert.deepEqual(
        rows.map((r) => [r.action, r.at - T0, r.proof, r.recipientId, r.source]),
        [
          ['given', 1_000, 'offer sentence', 'rcpt-1', 'privacy_page'],
          ['withdrawn', 2_000, 'given sentence', 'rcpt-1', 'privacy_page'],
          ['given', 3_000, 'offer again', 'rcpt-1', 'privacy_page'],
        ],
      );
      const inForce = await consentTimeline(db, ws, ['LUCIA@example.org']);
      const at = (ms: number) => inForce('lucia@EXAMPLE.org', T0 + ms);
      assert.deepEqual(
        [at(999), at(1_000), at(1_999), at(2_000), at(2_999), at(3_000), at(99_000)],
        [false, true, true, false, false, true, true],
      );
      assert.equal(inForce('someone@example.org', T0 + 99_000), false);
    });

    it('lists the consents in force; an admin’s withdrawal takes one out and is logged', async () => {
      const { db } = test.store;
      const ws = admin.workspaceId;
      const before = (await activeConsents(db, ws)).map((c) => c.addressKey);
      assert.ok(before.includes('lucia@example.org'));
      await withdrawConsentAsAdmin(db, ws, 'LUCIA@example.org', admin.id, T0 + 4_000);
      const after = (await activeConsents(db, ws)).map((c) => c.addressKey);
      assert.deepEqual(
        after,
        before.filter((key) => key !== 'lucia@example.org'),
      );
      const last = (await listConsents(db, ws, ['lucia@example.org'])).at(-1)!;
      assert.deepEqual([last.action, last.source, last.userId], ['withdrawn', 'admin', admin.id]);
      await rejectsWith(
        withdrawConsentAsAdmin(db, ws, 'lucia@example.org', admin.id),
        'MB_ERR_NOT_FOUND',
      );
    });
  });
}
