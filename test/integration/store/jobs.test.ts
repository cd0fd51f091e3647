import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  claimDueJobs,
  completeJob,
  failJob,
  insertJobs,
  type JobRow,
  newId,
  releaseRunningJobs,
  renewJobClaim,
  retryJob,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 12);
const LOCK_MS = 60_000;

for (const engine of testEngines()) {
  describe(`the jobs table (${engine})`, () => {
    const test = useTestStore(engine);
    /** When the queue's next pending job falls due, epoch ms (undefined: none waits). */
    const nextDue = async () => {
      const { due } = await test.store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('runAt').as('due'))
        .where('queue', '=', 'q')
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return due === null ? undefined : Number(due);
    };
    const job = (overrides: Partial<JobRow> = {}) => ({
      id: newId(),
      queue: 'q',
      payload: '{}',
      status: 'pending' as const,
      runAt: T0,
      attempts: 0,
      lockedUntil: null,
      lastError: null,
      idempotencyKey: null,
      groupKey: null,
      createdAt: T0,
      updatedAt: T0,
      ...overrides,
    });
    const claim = (now: number, limit = 10, queue = 'q') =>
      claimDueJobs(test.store.db, {
        queue,
        now,
        lockMs: LOCK_MS,
        limit,
        skipLocked: test.store.supportsSkipLocked,
      });
    const row = (id: string) =>
      test.store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    beforeEach(() => test.store.db.deleteFrom('jobs').execute());

    it('enqueues the work of an idempotency key once', async () => {
      const first = job({ idempotencyKey: 'send:1' });
      await insertJobs(test.store.db, [
        first,
        job({ idempotencyKey: 'send:1', payload: '{"b":1}' }),
      ]);
      await insertJobs(test.store.db, [job({ idempotencyKey: 'send:1' })]);
      const rows = await test.store.db.selectFrom('jobs').selectAll().execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.payload]),
        [[first.id, '{}']],
      );
    });

    it('claims the due jobs of its queue, oldest first, up to the limit, and marks them running', async () => {
      const late = job({ runAt: T0 + 1000 });
      const early = job({ runAt: T0 - 1000 });
      const onTime = job({ runAt: T0 });
      const future = job({ runAt: T0 + 5000 });
      const elsewhere = job({ queue: 'other' });
      await insertJobs(test.store.db, [late, early, onTime, future, elsewhere]);

      const claimed = await claim(T0 + 1000, 2);
      assert.deepEqual(claimed.map((j) => j.id).sort(), [early.id, onTime.id].sort());
      for (const j of claimed) {
        assert.equal(j.status, 'running');
        assert.equal(j.attempts, 1);
        assert.equal(j.lockedUntil, T0 + 1000 + LOCK_MS);
      }
      assert.deepEqual(
        (await claim(T0 + 1000)).map((j) => j.id),
        [late.id],
        'a running job is not claimed again while its claim holds',
      );
      assert.deepEqual(await claim(T0 + 1000), []);
      assert.equal((await row(future.id)).status, 'pending');
      assert.equal((await row(elsewhere.id)).status, 'pending');
    });

    it('takes a running job up again once its claim lapses, unless the claim was renewed', async () => {
      const a = job();
      const b = job();
      await insertJobs(test.store.db, [a, b]);
      await claim(T0);
      await renewJobClaim(test.store.db, b.id, T0 + 10 * LOCK_MS);
      const again = await claim(T0 + LOCK_MS);
      assert.deepEqual(
        again.map((j) => [j.id, j.attempts]),
        [[a.id, 2]],
      );
    });

    it('never hands a worker a job it says it is running, even with a lapsed claim', async () => {
      const a = job();
      const b = job({ runAt: T0 + 1 });
      await insertJobs(test.store.db, [a, b]);
      await claim(T0, 1);
      const again = await claimDueJobs(test.store.db, {
        queue: 'q',
        now: T0 + 2 * LOCK_MS,
        lockMs: LOCK_MS,
        limit: 10,
        skipLocked: test.store.supportsSkipLocked,
        running: [a.id],
      });
      assert.deepEqual(
        again.map((j) => j.id),
        [b.id],
      );
      assert.equal((await row(a.id)).attempts, 1, 'not claimed a second time');
    });

    it('runs the jobs of one group one at a time, and other groups beside them', async () => {
      const a1 = job({ groupKey: 'mailbox:a', runAt: T0 - 3 });
      const a2 = job({ groupKey: 'mailbox:a', runAt: T0 - 2 });
      const b1 = job({ groupKey: 'mailbox:b', runAt: T0 - 1 });
      const loose = job({ runAt: T0 });
      await insertJobs(test.store.db, [a1, a2, b1, loose]);
      assert.deepEqual(
        (await claim(T0)).map((j) => j.id).sort(),
        [a1.id, b1.id, loose.id].sort(),
        'one job of each group per claim',
      );
      assert.deepEqual(await claim(T0), [], 'not while the group’s job runs');
      await completeJob(test.store.db, a1.id, T0 + 1);
      assert.deepEqual(
        (await claim(T0 + 1)).map((j) => j.id),
        [a2.id],
      );
      // A lapsed claim (its node died) no longer holds the group, unless its worker says it runs it.
      const a3 = job({ groupKey: 'mailbox:a', runAt: T0 });
      await insertJobs(test.store.db, [a3]);
      const held = await claimDueJobs(test.store.db, {
        queue: 'q',
        now: T0 + 2 * LOCK_MS,
        lockMs: LOCK_MS,
        limit: 10,
        skipLocked: test.store.supportsSkipLocked,
        running: [a2.id, b1.id, loose.id],
      });
      assert.deepEqual(held, [], 'the group’s job is running here');
      const taken = await claim(T0 + 2 * LOCK_MS);
      assert.equal(taken.filter((j) => j.groupKey === 'mailbox:a').length, 1);
    });

    it('puts a retried job back to wait with its error, and keeps a failed or done one out', async () => {
      const retried = job();
      const failed = job();
      const done = job();
      await insertJobs(test.store.db, [retried, failed, done]);
      await claim(T0);
      await retryJob(test.store.db, retried.id, T0 + 30_000, '451 try later', T0 + 1);
      await failJob(test.store.db, failed.id, '550 no such user', T0 + 1);
      await completeJob(test.store.db, done.id, T0 + 1);

      assert.equal(await nextDue(), T0 + 30_000);
      assert.deepEqual(await claim(T0 + 29_999), []);
      const [again] = await claim(T0 + 30_000);
      assert.equal(again?.id, retried.id);
      assert.equal(again?.attempts, 2);
      assert.equal(again?.lastError, '451 try later');
      const gone = await row(failed.id);
      assert.deepEqual(
        [gone.status, gone.lastError, gone.lockedUntil],
        ['failed', '550 no such user', null],
      );
      assert.equal((await row(done.id)).status, 'done');
      await completeJob(test.store.db, retried.id, T0 + 30_001);
      assert.deepEqual(await claim(T0 + 10 * LOCK_MS), [], 'failed and done jobs stay put');
      assert.equal(await nextDue(), undefined);
    });

    it('releases every running job at start-up (one process owns SQLite)', async () => {
      const running = job();
      const pending = job({ runAt: T0 + 5000 });
      await insertJobs(test.store.db, [running, pending]);
      await claim(T0);
      assert.equal(await releaseRunningJobs(test.store.db, T0 + 1), 1);
      const released = await row(running.id);
      assert.deepEqual([released.status, released.lockedUntil], ['pending', null]);
      assert.deepEqual(
        (await claim(T0 + 1)).map((j) => j.id),
        [running.id],
      );
    });
  });
}
