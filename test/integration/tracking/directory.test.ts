import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrackingDirectory } from '../../../src/tracking/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { openTestStore } from '../../helpers/test-store.js';

const DAY = 86_400_000;

for (const engine of testEngines()) {
  describe(`the tracking directory's copies (${engine})`, () => {
    it('gives each copy its own recipient and its own message, warm or looked up, as the database says', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database);
      try {
        const sender = await insertTestUser(store.db);
        const now = Date.now();
        const offer = await insertTestMessage(
          store.db,
          sender,
          ['mario@example.org', 'lucia@example.org', 'anna@example.org'],
          { subject: 'Offerta «cucina»', sentAt: now - DAY },
        );
        const invoice = await insertTestMessage(store.db, sender, ['mario@example.org'], {
          subject: 'Fattura 12/2026',
          sentAt: now - DAY,
        });
        const old = await insertTestMessage(store.db, sender, ['piero@example.org'], {
          subject: 'Vecchia offerta',
          sentAt: now - 90 * DAY,
        });
        const directory = new TrackingDirectory(store.db);
        await directory.warm(now);
        for (const [message, subject] of [
          [offer, 'Offerta «cucina»'],
          [invoice, 'Fattura 12/2026'],
        ] as const) {
          for (const recipient of message.recipients) {
            const copy = directory.cached(recipient.trackingId!);
            assert.ok(copy, `${recipient.email} is warm`);
            assert.equal(copy.recipientId, recipient.id);
            assert.equal(copy.email, recipient.email);
            assert.equal(copy.messageId, message.messageId);
            assert.equal(copy.subject, subject);
            assert.equal(copy.workspaceId, sender.workspaceId);
          }
        }
        // Older mail is looked up on its first hit, and kept.
        const piero = old.recipients[0]!;
        assert.equal(directory.cached(piero.trackingId!), undefined);
        assert.equal((await directory.copy(piero.trackingId!))?.subject, 'Vecchia offerta');
        assert.equal(directory.cached(piero.trackingId!)?.email, 'piero@example.org');

        // A field that changed since (the workspace renamed) is what a copy read later says,
        // though a copy of the same message read before keeps the fields read with it.
        const fresh = new TrackingDirectory(store.db, 10);
        const [mario, lucia] = offer.recipients;
        const before = (await fresh.copy(mario!.trackingId!))?.workspaceName;
        await store.db
          .updateTable('workspaces')
          .set({ name: 'Acme Italia' })
          .where('id', '=', sender.workspaceId)
          .execute();
        assert.notEqual(before, 'Acme Italia');
        assert.equal((await fresh.copy(lucia!.trackingId!))?.workspaceName, 'Acme Italia');
        assert.equal(fresh.cached(lucia!.trackingId!)?.email, 'lucia@example.org');
        assert.equal(fresh.cached(mario!.trackingId!)?.workspaceName, before);
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
