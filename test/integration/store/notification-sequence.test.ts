import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  insertNotifications,
  lastNotificationSequence,
  type Store,
} from '../../../src/store/index.js';
import { buildNotificationRow, insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { openTestStore, useTestStore } from '../../helpers/test-store.js';
import { waitUntil } from '../../helpers/wait.js';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const HOUR = 3_600_000;

/** Writes `n` notifications for one user in one transaction, with sequences taken at `now`. */
async function writeNotifications(
  store: Store,
  userId: string,
  workspaceId: string,
  n: number,
  now: number,
) {
  return store.db.transaction().execute((trx) =>
    store.notificationChanges.write(
      trx,
      async (nextSequence) => {
        const rows = Array.from({ length: n }, () =>
          buildNotificationRow({ id: userId, workspaceId }, now, nextSequence()),
        );
        await insertNotifications(trx, rows);
        return rows.map((row) => row.seq);
      },
      now,
    ),
  );
}

for (const engine of testEngines()) {
  describe(`the notification_sequence table (${engine})`, () => {
    const test = useTestStore(engine);

    it('hands out sequences after every one committed, even when this clock is behind', async () => {
      const { store } = test;
      const user = await insertTestUser(store.db);
      assert.equal(await lastNotificationSequence(store.db), '');
      const first = await writeNotifications(store, user.id, user.workspaceId, 3, T0);
      assert.deepEqual([...first].sort(), first, 'in order within a transaction');
      assert.equal(await lastNotificationSequence(store.db), first.at(-1));
      // A node whose clock is an hour behind still sorts after what was committed.
      const behind = await writeNotifications(store, user.id, user.workspaceId, 2, T0 - HOUR);
      assert.ok(behind[0]! > first.at(-1)!);
      assert.equal(await lastNotificationSequence(store.db), behind.at(-1));
    });

    it('forgets the sequences of a transaction that rolled back', async () => {
      const { store } = test;
      const user = await insertTestUser(store.db);
      const last = await lastNotificationSequence(store.db);
      await assert.rejects(
        store.db.transaction().execute((trx) =>
          store.notificationChanges.write(trx, async (nextSequence) => {
            nextSequence();
            throw new Error('the fan-out failed');
          }),
        ),
        /the fan-out failed/,
      );
      assert.equal(await lastNotificationSequence(store.db), last);
      const later = await writeNotifications(store, user.id, user.workspaceId, 1, T0);
      assert.ok(later[0]! > last);
    });

    // Two connections of one thread cannot wait for each other on SQLite (its wait blocks the
    // thread); its one process's two threads are covered by the same row lock.
    it('makes a second writer wait for the first to commit, so changes commit in sequence order', {
      skip: engine === 'sqlite',
    }, async () => {
      const { store, database } = test;
      const user = await insertTestUser(store.db);
      await insertTestMessage(store.db, user);
      // Another connection (another node on PostgreSQL, another thread's on SQLite).
      const other = await openTestStore(database, { migrate: false });
      try {
        let releaseFirst: () => void = () => {};
        const firstHolds = new Promise<void>((resolve) => {
          releaseFirst = resolve;
        });
        let firstTook: () => void = () => {};
        const firstHasSequence = new Promise<void>((resolve) => {
          firstTook = resolve;
        });
        const order: string[] = [];
        const first = store.db.transaction().execute((trx) =>
          store.notificationChanges.write(
            trx,
            async (nextSequence) => {
              const seq = nextSequence();
              firstTook();
              await firstHolds;
              order.push('first commits');
              return seq;
            },
            T0 + 2 * HOUR,
          ),
        );
        await firstHasSequence;
        // The second's clock is an hour behind the first's: only the wait can order them.
        const second = other.db.transaction().execute((trx) =>
          other.notificationChanges.write(
            trx,
            async (nextSequence) => {
              order.push('second takes');
              return nextSequence();
            },
            T0 + HOUR,
          ),
        );
        await waitUntil(async () => {
          const { rows } = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_stat_activity
            where wait_event_type = 'Lock' and query like '%notification_sequence%'
              and datname = current_database()`.execute(store.db);
          return rows[0]!.waiting > 0;
        }, 'the second writer to wait for the sequence row');
        releaseFirst();
        const [a, b] = await Promise.all([first, second]);
        assert.deepEqual(order, ['first commits', 'second takes']);
        assert.ok(b > a, `${b} > ${a}`);
      } finally {
        await other.close();
      }
    });
  });
}
