import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addToRecipientsCounters,
  type CounterDelta,
  listRecipients,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const delta = (overrides: Partial<CounterDelta>): CounterDelta => ({
  opens: 0,
  clicks: 0,
  downloads: 0,
  machineOpens: 0,
  machineClicks: 0,
  machineDownloads: 0,
  lastEventAt: 0,
  ...overrides,
});
const counters = (r: {
  opens: number;
  clicks: number;
  downloads: number;
  machineOpens: number;
  machineClicks: number;
  machineDownloads: number;
  lastEventAt: number | null;
}) => [
  r.opens,
  r.clicks,
  r.downloads,
  r.machineOpens,
  r.machineClicks,
  r.machineDownloads,
  r.lastEventAt,
];

for (const engine of testEngines()) {
  describe(`the recipients table's counters (${engine})`, () => {
    const test = useTestStore(engine);

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
  });
}
