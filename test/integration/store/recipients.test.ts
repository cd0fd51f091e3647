import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addToRecipientsCounters,
  COUNTER_COLUMNS,
  type CounterDelta,
  findRecipientNames,
  findRecipientOptOut,
  findTrackedCopy,
  listRecentTrackedCopies,
  listRecipients,
  listRecipientsOfMessages,
  markOptedOut,
  newId,
  type RecipientCounters,
  type RecipientRow,
  recipientsForHits,
  setRecipientDelivery,
  updateCopy,
  ZERO_COUNTERS,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const delta = (overrides: Partial<CounterDelta>): CounterDelta => ({
  ...ZERO_COUNTERS,
  lastEventAt: 0,
  ...overrides,
});
const counters = (r: RecipientCounters & { lastEventAt: number | null }) => [
  ...COUNTER_COLUMNS.map((column) => r[column]),
  r.lastEventAt,
];

for (const engine of testEngines()) {
  describe(`the recipients table's counters (${engine})`, () => {
    const test = useTestStore(engine);

    it('starts a recipient at zero on every counter column the list names', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender, ['a@example.org']);
      const [recipient] = await listRecipients(db, messageId);
      assert.deepEqual(Object.keys(ZERO_COUNTERS), [...COUNTER_COLUMNS]);
      for (const column of COUNTER_COLUMNS) assert.equal(recipient?.[column], 0, column);
    });

    it('adds each recipient its own changes in one go, keeping the newest event time', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId, recipients } = await insertTestMessage(db, sender, [
        'a@example.org',
        'b@example.org',
        'c@example.org',
      ]);
      const [a, b, c] = recipients.map((r) => r.id) as [string, string, string];
      await addToRecipientsCounters(
        db,
        new Map([
          [a, delta({ opens: 2, clicks: 1, lastEventAt: 5000 })],
          [b, delta({ machineOpens: 1, machineClicks: 3, machineDownloads: 1, lastEventAt: 4000 })],
        ]),
      );
      // A later batch: a relabel moves one of a's opens to the machines', with an older time.
      await addToRecipientsCounters(
        db,
        new Map([
          [a, delta({ opens: -1, machineOpens: 1, lastEventAt: 3000 })],
          [b, delta({ downloads: 1, lastEventAt: 6000 })],
        ]),
      );
      await addToRecipientsCounters(db, new Map());

      const byId = new Map((await listRecipients(db, messageId)).map((r) => [r.id, r]));
      assert.deepEqual(counters(byId.get(a)!), [1, 1, 0, 1, 0, 0, 5000]);
      assert.deepEqual(counters(byId.get(b)!), [0, 0, 1, 1, 3, 1, 6000]);
      assert.deepEqual(counters(byId.get(c)!), [0, 0, 0, 0, 0, 0, null], 'untouched');
    });

    it('writes a batch bigger than one statement holds', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const emails = Array.from({ length: 600 }, (_, i) => `r${i}@example.org`);
      const { messageId, recipients } = await insertTestMessage(db, sender, emails);
      await addToRecipientsCounters(
        db,
        new Map(recipients.map((r, i) => [r.id, delta({ opens: i + 1, lastEventAt: 1000 + i })])),
      );
      const stored = await listRecipients(db, messageId);
      assert.equal(stored.length, 600);
      for (const r of stored) assert.equal(r.opens, r.position + 1, r.email);
      assert.equal(stored.at(-1)?.lastEventAt, 1599);
    });

    it('lists several messages’ recipients each in order, and records their delivery', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const one = await insertTestMessage(db, sender, ['a@example.org', 'b@example.org']);
      const two = await insertTestMessage(db, sender, ['c@example.org']);
      const [a, b] = one.recipients;
      await setRecipientDelivery(db, [a!.id], 'rejected', '550 5.1.1 no such user');
      await setRecipientDelivery(db, [], 'failed', null);

      const listed = await listRecipientsOfMessages(db, [two.messageId, one.messageId]);
      const of = (messageId: string) => listed.filter((r) => r.messageId === messageId);
      assert.deepEqual(of(one.messageId), [
        { ...a, delivery: 'rejected', smtpResponse: '550 5.1.1 no such user' },
        b,
      ]);
      assert.deepEqual(of(two.messageId), two.recipients);
      assert.equal(listed.length, 3);
      assert.deepEqual(await listRecipientsOfMessages(db, []), []);
    });

    it('marks an address opted out in every copy its workspace sent it, whatever the case, once', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const first = await insertTestMessage(db, sender, ['Mario@Example.org', 'anna@example.org']);
      const second = await insertTestMessage(db, sender, ['mario@example.org']);
      const theirs = await insertTestMessage(db, stranger, ['mario@example.org']);
      const [mario, anna] = first.recipients;
      const T1 = Date.UTC(2026, 10, 30, 16);

      await markOptedOut(db, sender.workspaceId, 'MARIO@example.org', T1);
      await markOptedOut(db, sender.workspaceId, 'mario@example.org', T1 + 1000);
      assert.equal(await findRecipientOptOut(db, mario!.id), T1);
      assert.equal(await findRecipientOptOut(db, second.recipients[0]!.id), T1);
      assert.equal(await findRecipientOptOut(db, anna!.id), null);
      assert.equal(await findRecipientOptOut(db, theirs.recipients[0]!.id), null);
      assert.equal(await findRecipientOptOut(db, newId()), null);
      assert.deepEqual(
        await findRecipientNames(db, [mario!.id, anna!.id, newId()]),
        new Map([
          [mario!.id, { name: null, email: 'Mario@Example.org' }],
          [anna!.id, { name: null, email: 'anna@example.org' }],
        ]),
      );
      assert.deepEqual(await findRecipientNames(db, []), new Map());
    });

    it('finds a tracked copy by its tracking id, with its message and workspace', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const sentAt = Date.UTC(2026, 10, 30, 7);
      const { messageId, recipients } = await insertTestMessage(db, sender, ['a@example.org'], {
        fromEmail: 'vendite@example.com',
        fromName: 'Vendite',
        language: 'it',
        createdAt: sentAt,
        sentAt,
      });
      const recipient = recipients[0]!;
      const workspace = await db
        .selectFrom('workspaces')
        .select('name')
        .where('id', '=', sender.workspaceId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(await findTrackedCopy(db, recipient.trackingId!), {
        recipientId: recipient.id,
        messageId,
        workspaceId: sender.workspaceId,
        trackingId: recipient.trackingId,
        email: 'a@example.org',
        name: null,
        subject: 'Offerta Q4',
        fromEmail: 'vendite@example.com',
        fromName: 'Vendite',
        language: 'it',
        sentAt,
        workspaceName: workspace.name,
      });
      assert.equal(await findTrackedCopy(db, 'no-such-tracking-id'), undefined);
    });

    it('tells the processing stage each recipient’s address, opens and delivery time', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { recipients } = await insertTestMessage(
        db,
        sender,
        ['a@example.org', 'b@example.org'],
        {
          createdAt: Date.UTC(2026, 10, 30, 6),
        },
      );
      const [a, b] = recipients as [(typeof recipients)[0], (typeof recipients)[0]];
      await addToRecipientsCounters(db, new Map([[a.id, delta({ opens: 2, machineOpens: 1 })]]));
      await updateCopy(db, b.copyId, { sentAt: null });
      const found = await recipientsForHits(db, [a.id, b.id, newId()]);
      assert.deepEqual(
        found.sort((x, y) => (x.id < y.id ? -1 : 1)),
        [
          {
            id: a.id,
            email: a.email,
            workspaceId: a.workspaceId,
            opens: 2,
            machineOpens: 1,
            optedOutAt: null,
            erasedAt: null,
            deliveredAt: Date.UTC(2026, 10, 30, 6),
          },
          {
            id: b.id,
            email: b.email,
            workspaceId: b.workspaceId,
            opens: 0,
            machineOpens: 0,
            optedOutAt: null,
            erasedAt: null,
            deliveredAt: null,
          },
        ].sort((x, y) => (x.id < y.id ? -1 : 1)),
      );
    });

    describe('the copies sent recently', () => {
      // A store of its own: the other tests' sends would count among the recent ones.
      const own = useTestStore(engine);

      it('lists the tracked copies sent since a time, newest first, up to the limit', async () => {
        const { db } = own.store;
        const sender = await insertTestUser(db);
        const T0 = Date.UTC(2026, 10, 30, 10);
        const sent: RecipientRow[] = [];
        for (const at of [T0 - 1, T0, T0 + 1000, T0 + 2000]) {
          const { recipients } = await insertTestMessage(db, sender, ['a@example.org'], {
            createdAt: at,
          });
          sent.push(recipients[0]!);
        }
        const ids = (copies: { recipientId: string }[]) => copies.map((c) => c.recipientId);
        const recipientOf = (i: number) => sent[i]!.id;
        assert.deepEqual(ids(await listRecentTrackedCopies(db, T0, 10)), [
          recipientOf(3),
          recipientOf(2),
          recipientOf(1),
        ]);
        assert.deepEqual(ids(await listRecentTrackedCopies(db, T0, 2)), [
          recipientOf(3),
          recipientOf(2),
        ]);
        const [newest] = await listRecentTrackedCopies(db, T0, 1);
        assert.deepEqual(newest, await findTrackedCopy(db, sent[3]!.trackingId!));
      });
    });
  });
}
