import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { defineQueue, type JobOutcome } from '../../../src/jobs/index.js';
import type { JobRow } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const QUEUE = defineQueue(
  'test-queue',
  Type.Object({ copyId: Type.String(), attempt: Type.Optional(Type.Integer()) }),
);

for (const engine of testEngines()) {
  describe(`a queue (${engine})`, () => {
    const test = useTestStore(engine);
    const jobs = () =>
      test.store.db
        .selectFrom('jobs')
        .selectAll()
        .where('queue', '=', QUEUE.name)
        .orderBy('idempotencyKey')
        .execute();

    it('queues one pending job per payload, once per idempotency key', async () => {
      await QUEUE.enqueue(
        test.store.db,
        [
          { payload: { copyId: 'c1' }, idempotencyKey: 'test:c1' },
          { payload: { copyId: 'c2', attempt: 2 }, idempotencyKey: 'test:c2', runAt: NOW + 5000 },
        ],
        NOW,
      );
      // Queued again (a replayed batch): nothing new.
      await QUEUE.enqueue(
        test.store.db,
        [{ payload: { copyId: 'c1' }, idempotencyKey: 'test:c1' }],
        NOW,
      );
      await QUEUE.enqueue(test.store.db, [], NOW);
      const rows = await jobs();
      assert.deepEqual(
        rows.map((r) => ({
          payload: JSON.parse(r.payload),
          status: r.status,
          runAt: Number(r.runAt),
          attempts: Number(r.attempts),
          createdAt: Number(r.createdAt),
        })),
        [
          { payload: { copyId: 'c1' }, status: 'pending', runAt: NOW, attempts: 0, createdAt: NOW },
          {
            payload: { copyId: 'c2', attempt: 2 },
            status: 'pending',
            runAt: NOW + 5000,
            attempts: 0,
            createdAt: NOW,
          },
        ],
      );
    });

    it('hands its handler the payload read back, and fails a job whose payload is not its shape', async () => {
      const seen: unknown[] = [];
      const handler = QUEUE.handler(async (payload) => {
        seen.push(payload);
        return { kind: 'done' };
      });
      const [stored] = await jobs();
      assert.deepEqual(await handler(stored!), { kind: 'done' });
      assert.deepEqual(seen, [{ copyId: 'c1' }]);

      const refused: JobOutcome[] = [];
      for (const payload of [
        'not json',
        '{"copyId": 42}',
        '{}',
        'null',
        '{"copyId": "c", "attempt": 1.5}',
      ]) {
        refused.push(await handler({ ...stored!, payload } satisfies JobRow));
      }
      assert.equal(seen.length, 1, 'the handler never ran on a payload of another shape');
      for (const outcome of refused) {
        assert.deepEqual(outcome, {
          kind: 'failed',
          error: "the job's payload is not a test-queue job's",
        });
      }
    });
  });
}
