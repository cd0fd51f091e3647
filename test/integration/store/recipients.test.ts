import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey } from '../../../src/mail/index.js';
import {
  addToRecipientsCounters,
  COUNTER_COLUMNS,
  type CounterDelta,
  clearOptedOut,
  findRecipientNames,
  findTrackedCopy,
  insertDoNotTrack,
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
      const T = Date.UTC(2026, 11, 1);
      const sender = await insertTestUser(db);
      const emails = Array.from({ length: 600 }, (_, i) => `r${i}@example.org`);
      const { messageId, recipients } = await insertTestMessage(db, sender, emails);
      await addToRecipientsCounters(
        db,
        // Epoch-ms times past 32 bits, in every row: the first row's casts type the columns.
        new Map(recipients.map((r, i) => [r.id, delta({ opens: i + 1, lastEventAt: T + i })])),
      );
      const stored = await listRecipients(db, messageId);
      assert.equal(stored.length, 600);
      for (const r of stored) assert.equal(r.opens, r.position + 1, r.email);
      assert.equal(stored.at(-1)?.lastEventAt, T + 599);
      assert.equal(stored[501]?.lastEventAt, T + 501, 'the second statement’s first row');
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

    it('marks an address opted out in every copy its workspace sent it, in any spelling, once', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const first = await insertTestMessage(db, sender, [
        'JOSÉ.Ünal@Bücher.Example',
        'anna@example.org',
        // Cyrillic а: another address that only looks like Anna's.
        '\u0430nna@example.org',
      ]);
      const second = await insertTestMessage(db, sender, ['josé.ünal@xn--bcher-kva.example']);
      const theirs = await insertTestMessage(db, stranger, ['josé.ünal@bücher.example']);
      const [jose, anna, cyrillic] = first.recipients;
      const T1 = Date.UTC(2026, 10, 30, 16);
      const optedOutAt = async () => {
        const rows = await db.selectFrom('recipients').select(['id', 'optedOutAt']).execute();
        return new Map(rows.map((row) => [row.id, row.optedOutAt]));
      };

      await markOptedOut(db, sender.workspaceId, addressKey('José.ÜNAL@BÜCHER.example')!, T1);
      await markOptedOut(db, sender.workspaceId, 'josé.ünal@xn--bcher-kva.example', T1 + 1000);
      await markOptedOut(db, sender.workspaceId, 'anna@example.org', T1);
      let marks = await optedOutAt();
      assert.equal(marks.get(jose!.id), T1);
      assert.equal(marks.get(second.recipients[0]!.id), T1, 'another spelling, the first time');
      assert.equal(marks.get(anna!.id), T1);
      assert.equal(marks.get(cyrillic!.id), null, 'a look-alike in another script is not Anna');
      assert.equal(marks.get(theirs.recipients[0]!.id), null, 'another workspace');

      await clearOptedOut(db, sender.workspaceId, addressKey('JOSÉ.ÜNAL@bücher.example')!);
      marks = await optedOutAt();
      assert.equal(marks.get(jose!.id), null);
      assert.equal(marks.get(second.recipients[0]!.id), null);
      assert.equal(marks.get(anna!.id), T1, 'someone else’s stays');
      assert.deepEqual(
        await findRecipientNames(db, [jose!.id, anna!.id, newId()]),
        new Map([
          [jose!.id, { name: null, email: 'JOSÉ.Ünal@Bücher.Example' }],
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
        emailKey: 'a@example.org',
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

    it('tells the processing stage each recipient’s address key, opens, opt-out and delivery time', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { recipients } = await insertTestMessage(
        db,
        sender,
        ['A@Example.org', 'b@example.org', 'STRASSE@example.org'],
        { createdAt: Date.UTC(2026, 10, 30, 6) },
      );
      const [a, b, c] = recipients as [RecipientRow, RecipientRow, RecipientRow];
      await addToRecipientsCounters(db, new Map([[a.id, delta({ opens: 2, machineOpens: 1 })]]));
      await updateCopy(db, b.copyId, { sentAt: null });
      // The opt-out is read from the list, by key: `STRAẞE`, `straße` and `STRASSE` are one address.
      const T1 = Date.UTC(2026, 10, 30, 8);
      const optOut = {
        workspaceId: sender.workspaceId,
        source: 'opt_out' as const,
        createdBy: null,
      };
      await insertDoNotTrack(db, {
        ...optOut,
        id: newId(),
        entry: addressKey('STRAẞE@example.org')!,
        createdAt: T1,
      });
      // An admin's entry for b is not an opt-out: b's mail already sent stays tracked.
      await insertDoNotTrack(db, {
        ...optOut,
        id: newId(),
        entry: 'b@example.org',
        source: 'admin',
        createdAt: T1,
      });
      const found = await recipientsForHits(db, [a.id, b.id, c.id, newId()]);
      const expected = [
        [a, 2, 1, null, Date.UTC(2026, 10, 30, 6)],
        [b, 0, 0, null, null],
        [c, 0, 0, T1, Date.UTC(2026, 10, 30, 6)],
      ] as const;
      assert.deepEqual(
        found.sort((x, y) => (x.id < y.id ? -1 : 1)),
        expected
          .map(([r, opens, machineOpens, optedOutAt, deliveredAt]) => ({
            id: r.id,
            emailKey: r.email.toLowerCase(),
            workspaceId: r.workspaceId,
            opens,
            machineOpens,
            optedOutAt,
            erasedAt: null,
            deliveredAt,
          }))
          .sort((x, y) => (x.id < y.id ? -1 : 1)),
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
