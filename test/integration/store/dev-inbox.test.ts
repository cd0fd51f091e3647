import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DevInboxRow,
  findDevInboxMail,
  insertDevInboxMail,
  listDevInbox,
  newId,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 10);

const mail = (i: number, workspaceId: string | null = 'w1'): DevInboxRow => ({
  id: newId(T0 + i * 1000),
  receivedAt: T0 + i * 1000,
  envelopeFrom: 'sender@example.com',
  envelopeTo: JSON.stringify([`r${i}@example.org`, 'cc@example.org']),
  headerFrom: 'Sender <sender@example.com>',
  headerTo: `R${i} <r${i}@example.org>`,
  subject: `Mail ${i}`,
  size: 1000 + i,
  blobKey: String(i).repeat(64).slice(0, 64),
  workspaceId,
});

for (const engine of testEngines()) {
  describe(`the dev_inbox table (${engine})`, () => {
    const test = useTestStore(engine);

    it('lists the newest mails first up to the limit, and finds each as written', async () => {
      const { db } = test.store;
      const mails = [0, 1, 2, 3].map((i) => mail(i));
      // Received out of order: the list follows the ids (their time), not insertion.
      for (const i of [2, 0, 3, 1]) await insertDevInboxMail(db, mails[i]!);

      assert.deepEqual(await listDevInbox(db, 'w1', 3), [mails[3], mails[2], mails[1]]);
      assert.deepEqual(await listDevInbox(db, 'w1', 10), [mails[3], mails[2], mails[1], mails[0]]);
      assert.deepEqual(await findDevInboxMail(db, 'w1', mails[1]!.id), mails[1]);
      assert.equal(await findDevInboxMail(db, 'w1', newId()), undefined);
    });

    it('keeps each workspace to its own mail, and nobody’s mail to nobody', async () => {
      const { db } = test.store;
      const [mine, theirs, nobodys] = [mail(5, 'wa'), mail(6, 'wb'), mail(7, null)];
      for (const row of [mine, theirs, nobodys]) await insertDevInboxMail(db, row);
      assert.deepEqual(await listDevInbox(db, 'wa', 10), [mine]);
      assert.deepEqual(await listDevInbox(db, 'wb', 10), [theirs]);
      assert.equal(await findDevInboxMail(db, 'wa', theirs.id), undefined);
      assert.equal(await findDevInboxMail(db, 'wa', nobodys.id), undefined);
    });
  });
}
