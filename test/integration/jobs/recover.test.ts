import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { defineQueue, recoverJobs } from '../../../src/jobs/index.js';
import { claimDueJobs } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const QUEUES = [
  defineQueue('recover-a', Type.Object({})),
  defineQueue('recover-b', Type.Object({})),
];

for (const engine of testEngines()) {
  describe(`crash recovery of the queues (${engine})`, () => {
    const test = useTestStore(engine);

    it('puts the running jobs of every queue back to pending only where one process owns the store', async () => {
      const { db } = test.store;
      for (const queue of QUEUES) {
        await queue.enqueue(db, [{ payload: {}, idempotencyKey: `${queue.name}:1` }], NOW);
        await claimDueJobs(db, {
          queue: queue.name,
          now: NOW,
          lockMs: 60_000,
          limit: 10,
          skipLocked: test.store.supportsSkipLocked,
        });
      }
      const warnings: unknown[] = [];
      const recovered = await recoverJobs(test.store, {
        warn: (fields: unknown) => warnings.push(fields),
      });
      const statuses = await db
        .selectFrom('jobs')
        .select('status')
        .where(
          'queue',
          'in',
          QUEUES.map((queue) => queue.name),
        )
        .execute();
      if (test.store.singleProcess) {
        assert.equal(recovered, 2);
        assert.deepEqual(warnings, [{ jobs: 2 }]);
        assert.deepEqual(
          statuses.map((row) => row.status),
          ['pending', 'pending'],
        );
      } else {
        // Another node may be running them: their claims lapse instead.
        assert.equal(recovered, 0);
        assert.deepEqual(warnings, []);
        assert.deepEqual(
          statuses.map((row) => row.status),
          ['running', 'running'],
        );
      }
    });
  });
}
