import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testEngines } from '../../helpers/engines.js';
import { processingBeside } from '../../helpers/processing-beside.js';

const RECIPIENTS = 3;
const HITS_EACH_SIDE = 12;

// Several nodes share a database only on PostgreSQL.
if (testEngines().includes('postgres')) {
  describe('the processing stage on two nodes over one database (postgres)', () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('runs on one node at a time; when that node dies the other goes on from the committed position, each hit once', {
      timeout: 120_000,
    }, async () => {
      const { store, messageId, hit, start } = await processingBeside(
        'postgres',
        RECIPIENTS,
        'Node',
        cleanup,
      );
      // A node that dies here stays down: the other must carry on alone.
      const node = () => start({ restartMs: 600_000, leaseRetryMs: 100 });
      const nodes = [await node(), await node()];
      const settle = async () => {
        for (const processing of nodes) processing.nudge();
        // A node without the lease is idle once the log holds nothing unconsumed.
        await Promise.all(nodes.map((processing) => processing.idle()));
      };

      const before = Array.from({ length: HITS_EACH_SIDE }, (_, n) => hit(n));
      await store.hitLog.append(before);
      await settle();
      const processed = nodes.map((processing) => processing.status().processed);
      assert.deepEqual(
        [...processed].sort((a, b) => a - b),
        [0, HITS_EACH_SIDE],
        'one node processed every hit, the other none',
      );
      assert.deepEqual(
        nodes.map((processing) => processing.status().failures),
        [0, 0],
        'the other node did not even try (a batch consumed by another rolls back as a failure)',
      );
      const leader = nodes[processed.indexOf(HITS_EACH_SIDE)]!;
      const follower = nodes[processed.indexOf(0)]!;

      // The leader dies (its connections with it, and so its lease); hits keep coming.
      await leader.terminate();
      const afterDeath = Array.from({ length: HITS_EACH_SIDE }, (_, n) => hit(HITS_EACH_SIDE + n));
      await store.hitLog.append(afterDeath);
      follower.nudge();
      await follower.idle();
      assert.equal(follower.status().processed, HITS_EACH_SIDE, 'the other node took over');

      const events = await store.db
        .selectFrom('events')
        .select('userAgent')
        .where('messageId', '=', messageId)
        .where('inferred', '=', 0)
        .execute();
      const agents = events.map((event) => event.userAgent!).sort();
      assert.deepEqual(agents, [...before, ...afterDeath].map((h) => h.userAgent!).sort());
      assert.equal(new Set(agents).size, agents.length, 'none is stored twice');
      assert.equal(await store.hitLog.pending(), 0, 'the log is consumed');
    });
  });
}
