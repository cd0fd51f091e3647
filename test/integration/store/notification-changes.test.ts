import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import {
  insertNotifications,
  type NotificationRow,
  type Store,
  updateNotification,
} from '../../../src/store/index.js';
import { buildNotificationRow, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { openTestStore, useTestStore } from '../../helpers/test-store.js';
import { waitUntil } from '../../helpers/wait.js';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

/** Writes `n` notifications for `userId` in one transaction; returns their change sequences. */
async function write(store: Store, user: { id: string; workspaceId: string }, n: number) {
  return store.db.transaction().execute((trx) =>
    store.notificationChanges.write(trx, async (nextSequence) => {
      const rows = Array.from({ length: n }, (_, i) =>
        buildNotificationRow(user, T0 + i, nextSequence(), { fact: `change ${i}` }),
      );
      await insertNotifications(trx, rows);
      return rows;
    }),
  );
}

/** What a node's follower handed on, with a way to wait until it holds `n` changes. */
function collector() {
  const rows: NotificationRow[] = [];
  const errors: unknown[] = [];
  return {
    rows,
    errors,
    onChanges: (changed: NotificationRow[]) => rows.push(...changed),
    onError: (error: unknown) => errors.push(error),
    until: (n: number, what: string) => waitUntil(() => rows.length >= n, what, 20_000),
  };
}

describe('notification changes across nodes', () => {
  if (testEngines().includes('sqlite')) {
    describe('(sqlite)', () => {
      const test = useTestStore('sqlite');
      it('has nothing to follow: one process owns the database, its threads tell the hub', () => {
        assert.equal(test.store.notificationChanges.follow, undefined);
      });
    });
  }

  if (!testEngines().includes('postgres')) return;
  describe('(postgres)', () => {
    const test = useTestStore('postgres');
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });
    /** Another node: its own store on the same database, and its follower. */
    const node = async (retryMs = 50) => {
      const store = await openTestStore(test.database, { migrate: false });
      const seen = collector();
      const follower = store.notificationChanges.follow!({ ...seen, retryMs });
      cleanup.push(async () => {
        await follower.stop();
        await store.close();
      });
      await follower.ready;
      return { store, seen, follower };
    };

    it('hands every node what any node committed, once each, in order, with one NOTIFY per transaction', async () => {
      const { store } = test;
      const user = await insertTestUser(store.db);
      const b = await node();
      const c = await node();
      // Count the announcements as any session of the database hears them.
      const channel = `mailbeacon_notifications_${test.database.schema}`;
      const raw = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await raw.connect();
      cleanup.push(() => raw.end());
      const payloads: string[] = [];
      raw.on('notification', (message) => payloads.push(message.payload ?? ''));
      await raw.query(`LISTEN ${pg.escapeIdentifier(channel)}`);

      const written = [
        ...(await write(store, user, 3)),
        ...(await write(b.store, user, 1)),
        ...(await write(store, user, 2)),
      ];
      await b.seen.until(6, 'node B to hear six changes');
      await c.seen.until(6, 'node C to hear six changes');
      for (const seen of [b.seen, c.seen]) {
        assert.deepEqual(
          seen.rows.map((row) => [row.id, row.seq, row.fact]),
          written.map((row) => [row.id, row.seq, row.fact]),
        );
      }
      await waitUntil(() => payloads.length >= 3, 'three announcements');
      assert.deepEqual(
        payloads.map((payload) => payload.split(',').length),
        [3, 1, 2],
        'one NOTIFY per transaction, carrying its change sequences',
      );
      assert.deepEqual(
        payloads.join(',').split(','),
        written.map((row) => row.seq),
      );
    });

    it('announces nothing for a transaction that rolled back, and the latest state of a row changed twice', async () => {
      const { store } = test;
      const user = await insertTestUser(store.db);
      const b = await node();
      await assert.rejects(
        store.db.transaction().execute((trx) =>
          store.notificationChanges.write(trx, async (nextSequence) => {
            await insertNotifications(trx, [
              buildNotificationRow(user, T0, nextSequence(), { fact: 'never' }),
            ]);
            throw new Error('rolled back');
          }),
        ),
      );
      const [row] = await write(store, user, 1);
      // The same notification changes again (a repeat folding into it) in a later transaction.
      await store.db.transaction().execute((trx) =>
        store.notificationChanges.write(trx, async (nextSequence) =>
          updateNotification(trx, row!.id, {
            fact: 'change 0 (2nd time)',
            at: T0 + 1,
            count: 2,
            seq: nextSequence(),
            eventId: null,
            read: 0,
          }),
        ),
      );
      const marker = await write(store, user, 1);
      await waitUntil(
        () => b.seen.rows.some((seen) => seen.id === marker[0]!.id),
        'the marker change',
      );
      const texts = b.seen.rows.map((seen) => seen.fact);
      assert.ok(!texts.includes('never'));
      assert.equal(texts.at(-1), 'change 0', 'the marker comes last');
      assert.ok(texts.includes('change 0 (2nd time)'));
      const seqs = b.seen.rows.map((seen) => seen.seq);
      assert.deepEqual(seqs, [...new Set(seqs)].sort(), 'each change once, in order');
    });

    it('resumes after its connection is terminated: what was committed meanwhile arrives, nothing twice', async () => {
      const { store } = test;
      const user = await insertTestUser(store.db);
      // Slow to reconnect, so what follows is committed while it has no connection.
      const b = await node(1_000);
      const before = await write(store, user, 2);
      await b.seen.until(2, 'the first changes');
      const pid = b.follower.backendPid();
      assert.ok(pid);
      const { rows } = await sql<{ done: boolean }>`
        select pg_terminate_backend(${pid}) as done`.execute(store.db);
      assert.equal(rows[0]?.done, true);
      await waitUntil(() => b.seen.errors.length > 0, 'the follower to see its connection end');
      // Committed while the follower has no connection: nobody hears these NOTIFYs.
      const during = [...(await write(store, user, 3)), ...(await write(store, user, 600))];
      await b.seen.until(605, 'the follower to catch up');
      const after = await write(store, user, 1);
      await b.seen.until(606, 'a change after the resume');
      assert.notEqual(b.follower.backendPid(), pid, 'a new connection');
      assert.deepEqual(
        b.seen.rows.map((row) => row.seq),
        [...before, ...during, ...after].map((row) => row.seq),
      );
    });
  });
});
