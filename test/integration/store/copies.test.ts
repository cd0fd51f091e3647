import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CopyRow,
  findCopy,
  insertCopies,
  insertMessage,
  listCopyRecipients,
  newId,
  type RecipientRow,
  updateCopy,
  ZERO_COUNTERS,
} from '../../../src/store/index.js';
import { buildMessageRow, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 11);

for (const engine of testEngines()) {
  describe(`the copies table (${engine})`, () => {
    const test = useTestStore(engine);

    it('writes an untracked copy with all its recipients, and records its attempts', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const message = buildMessageRow(sender, { status: 'queued', sentAt: null, createdAt: T0 });
      await insertMessage(db, message);
      const copy: CopyRow = {
        id: newId(T0),
        messageId: message.id,
        workspaceId: sender.workspaceId,
        tracked: 0,
        messageIdHeader: `<${newId()}@example.net>`,
        status: 'queued',
        attempts: 0,
        smtpResponse: null,
        lastAttemptAt: null,
        sentAt: null,
      };
      const recipients: RecipientRow[] = ['to@example.org', 'cc@example.org'].map(
        (email, position) => ({
          id: newId(T0),
          messageId: message.id,
          workspaceId: sender.workspaceId,
          copyId: copy.id,
          email,
          emailKey: email,
          name: position === 0 ? 'Anna' : null,
          kind: position === 0 ? 'to' : 'cc',
          position,
          tracked: 0,
          notTrackedReason: 'tracking_off',
          trackingId: null,
          delivery: 'queued',
          smtpResponse: null,
          ...ZERO_COUNTERS,
          lastEventAt: null,
          optedOutAt: null,
          erasedAt: null,
          replied: 0,
        }),
      );
      await insertCopies(db, [copy], recipients);
      assert.deepEqual(await findCopy(db, copy.id), copy);
      assert.deepEqual(await listCopyRecipients(db, copy.id), recipients);

      await updateCopy(db, copy.id, { status: 'deferred', attempts: 1, lastAttemptAt: T0 + 1 });
      await updateCopy(db, copy.id, {
        status: 'sent',
        attempts: 2,
        smtpResponse: '250 2.0.0 OK',
        lastAttemptAt: T0 + 2,
        sentAt: T0 + 2,
      });
      assert.deepEqual(await findCopy(db, copy.id), {
        ...copy,
        status: 'sent',
        attempts: 2,
        smtpResponse: '250 2.0.0 OK',
        lastAttemptAt: T0 + 2,
        sentAt: T0 + 2,
      });
      assert.equal(await findCopy(db, newId()), undefined);
    });
  });
}
