import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findMessage,
  findMessageById,
  findNoticeMessages,
  insertMessage,
  listMessages,
  type MessageRow,
  newId,
  parseAddresses,
  sentPerDay,
  setMessageStatus,
  updateMessageIfStatus,
} from '../../../src/store/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import { buildMessageRow, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

/** Midnight UTC, starting a day. */
const DAY = Date.UTC(2026, 10, 29);

for (const engine of testEngines()) {
  describe(`the messages table (${engine})`, () => {
    const test = useTestStore(engine);

    it('gives a message back as written, in its own workspace only', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const message = buildMessageRow(sender, {
        subject: 'Preventivo — «accenti» e emoji 📎',
        html: '<p>Ciao</p>',
        text: null,
        fromEmail: 'vendite@example.com',
        fromName: 'Vendite',
        toList: JSON.stringify([{ email: 'a@example.org', name: 'Anna' }]),
        ccList: JSON.stringify([{ email: 'c@example.org' }]),
        language: 'it',
        attachmentLinkTtlDays: 30,
        createdAt: DAY + 1,
        updatedAt: DAY + 2,
        sentAt: DAY + 3,
      });
      await insertMessage(db, message);

      assert.deepEqual(await findMessage(db, sender.workspaceId, message.id), message);
      assert.equal(await findMessage(db, stranger.workspaceId, message.id), undefined);
      assert.deepEqual(await findMessageById(db, message.id), message);
      assert.deepEqual(parseAddresses(message.ccList), [{ email: 'c@example.org' }]);
      assert.deepEqual(
        await findNoticeMessages(db, [message.id, newId()]),
        new Map([
          [
            message.id,
            {
              id: message.id,
              workspaceId: sender.workspaceId,
              subject: message.subject,
              language: 'it',
            },
          ],
        ]),
      );
      assert.deepEqual(await findNoticeMessages(db, []), new Map());
    });

    it('pages a workspace’s messages newest first, by status if asked', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const statuses = ['sent', 'draft', 'sent', 'failed', 'sent'] as const;
      const messages: MessageRow[] = statuses.map((status, i) =>
        buildMessageRow(sender, { status, createdAt: DAY + i * 1000 }),
      );
      for (const message of [...messages].reverse()) await insertMessage(db, message);
      await insertMessage(db, buildMessageRow(stranger, { createdAt: DAY + 500 }));
      const ids = (rows: MessageRow[]) => rows.map((row) => row.id);
      const [m0, m1, m2, m3, m4] = messages.map((m) => m.id);

      const first = await listMessages(db, sender.workspaceId, { limit: 2 });
      assert.deepEqual(ids(first), [m4, m3]);
      const second = await listMessages(db, sender.workspaceId, { limit: 2, before: m3 });
      assert.deepEqual(ids(second), [m2, m1]);
      const last = await listMessages(db, sender.workspaceId, { limit: 2, before: m1 });
      assert.deepEqual(ids(last), [m0]);
      assert.deepEqual(
        ids(await listMessages(db, sender.workspaceId, { limit: 10, status: 'sent' })),
        [m4, m2, m0],
      );
      assert.deepEqual(
        ids(await listMessages(db, sender.workspaceId, { status: 'sent', limit: 1, before: m4 })),
        [m2],
      );
    });

    it('moves a message on only from the status it is expected to have', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const message = buildMessageRow(sender, { status: 'draft', sentAt: null, createdAt: DAY });
      await insertMessage(db, message);

      assert.equal(
        await updateMessageIfStatus(db, message.id, 'draft', {
          status: 'queued',
          updatedAt: DAY + 1,
        }),
        true,
      );
      assert.equal(
        await updateMessageIfStatus(db, message.id, 'draft', {
          status: 'failed',
          updatedAt: DAY + 2,
        }),
        false,
      );
      assert.deepEqual(await findMessageById(db, message.id), {
        ...message,
        status: 'queued',
        updatedAt: DAY + 1,
      });
      await setMessageStatus(db, message.id, 'sending');
      const moved = await findMessageById(db, message.id);
      assert.equal(moved?.status, 'sending');
      assert.ok(moved!.updatedAt > DAY + 1, 'its update time moved');
    });

    it('counts messages sent per UTC day, from `since`, in the workspace only', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const sentAt = [
        DAY - 1, // the day before, last millisecond: before `since`
        DAY, // first millisecond of DAY
        DAY + DAY_MS - 1, // its last
        DAY + DAY_MS, // the next day's first
        DAY + 3 * DAY_MS + 12 * 3_600_000,
      ];
      for (const at of sentAt) {
        await insertMessage(db, buildMessageRow(sender, { createdAt: at, sentAt: at }));
      }
      await insertMessage(db, buildMessageRow(sender, { status: 'draft', sentAt: null }));
      await insertMessage(db, buildMessageRow(stranger, { createdAt: DAY, sentAt: DAY }));

      const days = (await sentPerDay(db, sender.workspaceId, DAY)).sort((a, b) => a.day - b.day);
      const day = DAY / DAY_MS;
      assert.deepEqual(days, [
        { day, sent: 2 },
        { day: day + 1, sent: 1 },
        { day: day + 3, sent: 1 },
      ]);
      assert.deepEqual(await sentPerDay(db, sender.workspaceId, DAY + 4 * DAY_MS), []);
    });
  });
}
