import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addToRecipientsCounters,
  type CounterDelta,
  countOpensUpToEach,
  type EventRow,
  findEventsByIds,
  insertEventRows,
  listMessageEvents,
  listRecentHitsOf,
  listRecipients,
  newId,
  precedingId,
  purgeEventsBefore,
  type RecipientRow,
  reachPerDay,
  relabelEvent,
  ZERO_COUNTERS,
} from '../../../src/store/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import { buildEventRow, insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { openTestStore, useTestStore } from '../../helpers/test-store.js';

/** Midnight UTC, starting a day. */
const DAY = Date.UTC(2026, 10, 29);
const T0 = DAY + 9 * 3_600_000;
/** Purges run far before every other test's events (they share the database). */
const PURGED_YEAR = Date.UTC(2024, 0, 1);

for (const engine of testEngines()) {
  describe(`the events table (${engine})`, () => {
    const test = useTestStore(engine);
    /** A sent message to `emails` in a new workspace, with its recipients. */
    const sent = async (emails = ['mario@example.org']) => {
      const { db } = test.store;
      return insertTestMessage(db, await insertTestUser(db), emails);
    };
    /** The three recipients of a message sent to a, b and c in a new workspace. */
    const threeRecipients = async () =>
      (await sent(['a@example.org', 'b@example.org', 'c@example.org'])).recipients as [
        RecipientRow,
        RecipientRow,
        RecipientRow,
      ];

    it('writes an event once however often its batch is replayed, unnamed columns as null', async () => {
      const { db } = test.store;
      const { messageId, recipients } = await sent();
      const recipient = recipients[0]!;
      const open = buildEventRow(recipient, T0);
      const click = buildEventRow(recipient, T0 + 1000, {
        type: 'click',
        linkIdx: 3,
        ip: '203.0.113.0',
        userAgent: 'Mozilla/5.0 (Macintosh)',
        client: '{"browser":"Safari","os":"macOS","device":"desktop"}',
        classification: 'proxy',
        reason: 'apple-mpp',
        details: '{"accept":"text/html"}',
      });
      await insertEventRows(db, [open, click]);
      // The replay of a spooled batch, one row told differently: nothing changes.
      await insertEventRows(db, [{ ...open, classification: 'machine' }, click]);
      await insertEventRows(db, []);

      const nulls = { linkIdx: null, attachmentId: null, ip: null, userAgent: null, client: null };
      assert.deepEqual(await listMessageEvents(db, messageId, 10), [
        { ...nulls, reason: null, details: null, ...open },
        { attachmentId: null, ...click },
      ]);
    });

    it('pages a message’s events in time order, a batch bigger than one statement included', async () => {
      const { db } = test.store;
      const { messageId, recipients } = await sent(['a@example.org', 'b@example.org']);
      const rows = Array.from({ length: 450 }, (_, i) =>
        buildEventRow(recipients[i % 2]!, T0 + i, { type: i % 3 === 0 ? 'click' : 'open' }),
      );
      await insertEventRows(db, [...rows].reverse());
      const other = await sent();
      await insertEventRows(db, [buildEventRow(other.recipients[0]!, T0)]);

      const pages: EventRow[][] = [];
      let after: string | undefined;
      do {
        pages.push(await listMessageEvents(db, messageId, 200, after));
        after = pages.at(-1)!.at(-1)?.id;
      } while (pages.at(-1)!.length === 200);
      assert.deepEqual(
        pages.map((page) => page.length),
        [200, 200, 50],
      );
      assert.deepEqual(
        pages.flat().map((event) => event.id),
        rows.map((row) => row.id),
      );
      const picked = [rows[7]!.id, rows[3]!.id, newId()];
      assert.deepEqual(
        (await findEventsByIds(db, picked)).map((event) => [event.id, event.at]),
        [
          [rows[3]!.id, T0 + 3],
          [rows[7]!.id, T0 + 7],
        ],
      );
      assert.deepEqual(await findEventsByIds(db, []), []);
    });

    it('relabels an event only from the label it still has, and a relabel moves its count', async () => {
      const { db } = test.store;
      const { messageId, recipients } = await sent();
      const recipient = recipients[0]!;
      const click = buildEventRow(recipient, T0 + 1000, { type: 'click', linkIdx: 0 });
      // The open the click implied: one millisecond before it, derived from its id.
      const inferred = { ...click, id: precedingId(click.id), type: 'open' as const, inferred: 1 };
      const counted: CounterDelta = {
        opens: 1,
        clicks: 1,
        downloads: 0,
        machineOpens: 0,
        machineClicks: 0,
        machineDownloads: 0,
        lastEventAt: T0 + 1000,
      };
      await insertEventRows(db, [inferred, click]);
      await addToRecipientsCounters(db, new Map([[recipient.id, counted]]));
      assert.deepEqual(await countOpensUpToEach(db, [click]), new Map([[click.id, 1]]));

      // A later hit unmasks the click as a link checker's: both events move to the machines,
      // and the types the relabels return say which counters move.
      const types = [];
      for (const id of [click.id, inferred.id]) {
        types.push(await relabelEvent(db, id, 'human', 'machine', 'link-checker'));
      }
      assert.deepEqual(types, ['click', 'open']);
      await addToRecipientsCounters(
        db,
        new Map([
          [
            recipient.id,
            {
              ...counted,
              opens: -1,
              clicks: -1,
              machineOpens: 1,
              machineClicks: 1,
              lastEventAt: 0,
            },
          ],
        ]),
      );

      assert.equal(await relabelEvent(db, click.id, 'human', 'proxy', null), undefined, 'moved on');
      assert.equal(await relabelEvent(db, newId(), 'human', 'machine', null), undefined);
      assert.deepEqual(
        (await listMessageEvents(db, messageId, 10)).map((e) => [
          e.type,
          e.classification,
          e.reason,
        ]),
        [
          ['open', 'machine', 'link-checker'],
          ['click', 'machine', 'link-checker'],
        ],
      );
      const [stored] = await listRecipients(db, messageId);
      assert.deepEqual(
        [stored!.opens, stored!.clicks, stored!.machineOpens, stored!.machineClicks],
        [0, 0, 1, 1],
      );
      assert.deepEqual(await countOpensUpToEach(db, [click]), new Map([[click.id, 0]]));
    });

    it('counts a person’s opens up to each event: inferred ones in, machines’ and others’ out', async () => {
      const { db } = test.store;
      const [a, b] = await threeRecipients();
      const events = [
        buildEventRow(a, T0),
        buildEventRow(a, T0 + 1, { classification: 'machine' }),
        buildEventRow(a, T0 + 2, { classification: 'proxy' }),
        buildEventRow(a, T0 + 3, { classification: 'self' }),
        buildEventRow(a, T0 + 4, { inferred: 1 }),
        buildEventRow(a, T0 + 5, { type: 'click' }),
        buildEventRow(b, T0 + 6),
      ];
      await insertEventRows(db, events);
      const counts = await countOpensUpToEach(db, events);
      assert.deepEqual(
        events.map((event) => counts.get(event.id)),
        [1, 1, 2, 2, 3, 3, 1],
      );
      assert.equal(typeof counts.get(events[0]!.id), 'number');
      assert.deepEqual(await countOpensUpToEach(db, []), new Map());
    });

    it('gives each copy’s latest recorded hits, oldest first, at most `limit` each', async () => {
      const { db } = test.store;
      const [a, b, c] = await threeRecipients();
      const aHits = [0, 1, 2, 3].map((i) =>
        buildEventRow(a, T0 + i * 1000, { ip: `198.51.100.${i}`, linkIdx: i }),
      );
      const bHit = buildEventRow(b, T0, { type: 'download', userAgent: 'curl/8' });
      // An inferred open is not a hit anyone made.
      const inferred = buildEventRow(a, T0 + 5000, { inferred: 1 });
      await insertEventRows(db, [...aHits, bHit, inferred]);

      const hits = await listRecentHitsOf(db, [a.id, b.id, c.id], 2);
      const hitOf = (row: (typeof aHits)[0]) => ({
        id: row.id,
        recipientId: row.recipientId,
        type: row.type,
        at: row.at,
        linkIdx: row.linkIdx ?? null,
        ip: row.ip ?? null,
        userAgent: row.userAgent ?? null,
        classification: row.classification,
        reason: null,
      });
      assert.deepEqual(hits.get(a.id), [hitOf(aHits[2]!), hitOf(aHits[3]!)]);
      assert.deepEqual(hits.get(b.id), [hitOf(bHit)]);
      assert.deepEqual(hits.get(c.id), []);
      assert.deepEqual(await listRecentHitsOf(db, [], 2), new Map());
    });

    it('counts distinct recipients reached per UTC day, people apart from machines', async () => {
      const { db } = test.store;
      const [a, b, c] = await threeRecipients();
      const stranger = await sent();
      const next = DAY + DAY_MS;
      await insertEventRows(db, [
        buildEventRow(a, DAY - 1), // before `since`
        buildEventRow(a, DAY), // DAY's first millisecond
        buildEventRow(b, next - 1), // DAY's last
        buildEventRow(a, next), // the next day's first
        buildEventRow(a, next + 5), // the same recipient again: counted once
        buildEventRow(b, next + 10, { classification: 'machine' }),
        buildEventRow(b, next + 20, { type: 'click', classification: 'proxy' }),
        buildEventRow(c, next + 30, { classification: 'self' }), // the team's own view
        buildEventRow(c, next + 40, { type: 'expired_access' }),
        buildEventRow(c, next + 50, { type: 'download', classification: 'machine' }),
        buildEventRow(stranger.recipients[0]!, next), // another workspace
      ]);
      const sorted = <T extends { day: number | null; type: string; audience: string }>(
        rows: T[],
      ) =>
        rows.sort((x, y) =>
          `${x.day}${x.type}${x.audience}`.localeCompare(`${y.day}${y.type}${y.audience}`),
        );
      const day = DAY / DAY_MS;
      assert.deepEqual(sorted(await reachPerDay(db, a.workspaceId, DAY, true)), [
        { day, type: 'open', audience: 'people', recipients: 2 },
        { day: day + 1, type: 'click', audience: 'people', recipients: 1 },
        { day: day + 1, type: 'download', audience: 'machines', recipients: 1 },
        { day: day + 1, type: 'open', audience: 'machines', recipients: 1 },
        { day: day + 1, type: 'open', audience: 'people', recipients: 1 },
      ]);
      assert.deepEqual(sorted(await reachPerDay(db, a.workspaceId, DAY, false)), [
        { day: null, type: 'click', audience: 'people', recipients: 1 },
        { day: null, type: 'download', audience: 'machines', recipients: 1 },
        { day: null, type: 'open', audience: 'machines', recipients: 1 },
        { day: null, type: 'open', audience: 'people', recipients: 2 },
      ]);
    });

    it('purges the events before a cut-off in batches, keeping those at it and the counters', async () => {
      const { db } = test.store;
      const { messageId, recipients } = await sent(['a@example.org', 'b@example.org']);
      const [a, b] = recipients as [RecipientRow, RecipientRow];
      const cutOff = PURGED_YEAR + 10 * DAY_MS;
      // 23 old events (so batches of 5: four full ones and a last of 3), on both recipients.
      const old = Array.from({ length: 23 }, (_, i) =>
        buildEventRow(i % 2 ? a : b, PURGED_YEAR + i * 60_000),
      );
      const click = buildEventRow(a, cutOff, { type: 'click', linkIdx: 0 });
      const kept = [
        click,
        // Its inferred open: an id a millisecond before the cut-off, the same time as the click.
        buildEventRow(a, cutOff, { id: precedingId(click.id), inferred: 1 }),
        buildEventRow(b, cutOff + 1),
      ];
      const lastGone = buildEventRow(b, cutOff - 1);
      await insertEventRows(db, [...old, lastGone, ...kept]);
      const counters: CounterDelta = {
        ...ZERO_COUNTERS,
        opens: 24,
        clicks: 1,
        lastEventAt: cutOff,
      };
      await addToRecipientsCounters(db, new Map([[a.id, counters]]));

      const progress: number[] = [];
      const purged = await purgeEventsBefore(db, cutOff, {
        batchSize: 5,
        afterBatch: (deleted) => {
          progress.push(deleted);
        },
      });
      assert.equal(purged, 24);
      // The 23 by id range (the last batch partial), then the cut-off's last millisecond by
      // time: the event at cutOff - 1 goes, the inferred open (an id of that millisecond, the
      // time of its click) stays.
      assert.deepEqual(progress, [5, 10, 15, 20, 23, 24]);
      const left = await listMessageEvents(db, messageId, 100);
      assert.deepEqual(
        left.map((e) => e.id),
        kept.map((e) => e.id).sort(),
      );
      // Counters stay: anonymous totals of what was purged.
      const [counted] = await listRecipients(db, messageId);
      assert.equal(counted?.opens, 24);
      assert.equal(counted?.clicks, 1);
      // Nothing left to purge: a second run deletes nothing.
      assert.equal(await purgeEventsBefore(db, cutOff, { batchSize: 5 }), 0);
      await assert.rejects(purgeEventsBefore(db, cutOff, { batchSize: 0 }), RangeError);
    });

    it('lets another connection insert events between its batches, and stops when aborted', async () => {
      const { db } = test.store;
      const { messageId, recipients } = await sent();
      const recipient = recipients[0]!;
      // Before the previous test's cut-off: that one found nothing of these.
      const cutOff = PURGED_YEAR - DAY_MS;
      await insertEventRows(
        db,
        Array.from({ length: 12 }, (_, i) => buildEventRow(recipient, cutOff - DAY_MS + i)),
      );
      const other = await openTestStore(test.database, { migrate: false });
      const fresh: string[] = [];
      const stop = new AbortController();
      try {
        const purged = await purgeEventsBefore(db, cutOff, {
          batchSize: 4,
          signal: stop.signal,
          afterBatch: async (deleted) => {
            // The purge is in progress: another connection's insert completes now, not after it.
            const row = buildEventRow(recipient, cutOff + deleted);
            await insertEventRows(other.db, [row]);
            fresh.push(row.id);
            if (deleted === 8) stop.abort();
          },
        });
        assert.equal(purged, 8);
      } finally {
        await other.close();
      }
      const left = (await listMessageEvents(db, messageId, 100)).map((e) => e.id);
      assert.equal(left.length, 4 + 2);
      assert.ok(fresh.every((id) => left.includes(id)));
      assert.equal(await purgeEventsBefore(db, cutOff), 4);
    });
  });
}
