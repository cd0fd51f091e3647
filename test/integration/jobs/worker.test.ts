import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { defineQueue, startWorker } from '../../../src/jobs/index.js';
import { createLogger } from '../../../src/logger.js';
import { testEngines } from '../../helpers/engines.js';
import { testClock } from '../../helpers/test-clock.js';
import { useTestStore } from '../../helpers/test-store.js';

const QUEUE = defineQueue('worker-test', Type.Object({ name: Type.String() }));
const LOCK_MS = 60_000;

for (const engine of testEngines()) {
  describe(`a worker (${engine})`, () => {
    const test = useTestStore(engine);

    it('stops at once when asked while it claims, however long its poll', async (t) => {
      const worker = startWorker({
        store: test.store,
        queue: QUEUE,
        log: createLogger({ logLevel: 'silent', trackingIp: 'anonymize' }),
        pollMs: 60_000,
        handler: QUEUE.handler(async () => ({ kind: 'done' })),
      });
      // No timer fires from here on: a poll's wait, once begun, would never end.
      t.mock.timers.enable({ apis: ['setTimeout'] });
      await worker.stop();
    });

    it('does not run a job twice at once when its claim lapses while it runs', async () => {
      const clock = testClock();
      const calls: string[] = [];
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const called: (() => void)[] = [];
      const first = new Promise<void>((resolve) => called.push(resolve));
      const second = new Promise<void>((resolve) => called.push(resolve));
      const worker = startWorker({
        store: test.store,
        queue: QUEUE,
        log: createLogger({ logLevel: 'silent', trackingIp: 'anonymize' }),
        concurrency: 2,
        pollMs: 20,
        lockMs: LOCK_MS,
        now: clock,
        handler: QUEUE.handler(async ({ name }) => {
          calls.push(name);
          called[calls.length - 1]?.();
          if (name === 'slow') await released;
          return { kind: 'done' };
        }),
      });
      try {
        await QUEUE.enqueue(
          test.store.db,
          [{ payload: { name: 'slow' }, idempotencyKey: 'w:slow' }],
          clock(),
        );
        worker.nudge();
        // The slow job's claim lapses (the clock jumps past it before a renewal), and a younger
        // job falls due: the worker's next claim must take the younger, not the slow one again.
        await first;
        clock.advance(2 * LOCK_MS);
        await QUEUE.enqueue(
          test.store.db,
          [{ payload: { name: 'next' }, idempotencyKey: 'w:next' }],
          clock(),
        );
        worker.nudge();
        await second;
        assert.deepEqual(calls, ['slow', 'next']);
        release();
        await worker.idle();
        assert.deepEqual(calls, ['slow', 'next'], 'the slow job ran once');
      } finally {
        release();
        await worker.stop();
      }
    });
  });
}
