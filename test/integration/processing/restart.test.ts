import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testEngines } from '../../helpers/engines.js';
import { processingBeside } from '../../helpers/processing-beside.js';

const RECIPIENTS = 3;
const HITS_EACH_SIDE = 12;

for (const engine of testEngines()) {
  describe(`the processing thread, started again after it died (${engine})`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('goes on from the committed position: every hit logged before and after, once', {
      timeout: 120_000,
    }, async () => {
      const { store, messageId, hit, start } = await processingBeside(
        engine,
        RECIPIENTS,
        'Restart',
        cleanup,
      );
      const processing = await start({ restartMs: 0 });

      const before = Array.from({ length: HITS_EACH_SIDE }, (_, n) => hit(n));
      await store.hitLog.append(before);
      processing.nudge();
      await processing.idle();

      // It dies; hits keep coming into the log meanwhile; whoever waits is answered by the next.
      await processing.terminate();
      const afterDeath = Array.from({ length: HITS_EACH_SIDE }, (_, n) => hit(HITS_EACH_SIDE + n));
      await store.hitLog.append(afterDeath);
      processing.nudge();
      await processing.idle();

      const events = await store.db
        .selectFrom('events')
        .select(['userAgent', 'recipientId', 'classification'])
        .where('messageId', '=', messageId)
        .where('inferred', '=', 0)
        .execute();
      const stored = new Map<string, number>();
      for (const e of events) stored.set(e.userAgent!, (stored.get(e.userAgent!) ?? 0) + 1);
      assert.deepEqual(
        [...stored.keys()].sort(),
        [...before, ...afterDeath].map((h) => h.userAgent!).sort(),
      );
      assert.deepEqual(
        [...stored.values()].filter((n) => n > 1),
        [],
        'none is stored twice',
      );
      assert.equal(await store.hitLog.pending(), 0, 'the log is consumed');
      assert.equal(processing.status().processed > 0, true);
    });

    it('counts a hit the spool replays after it was processed once (its append had committed)', {
      timeout: 120_000,
    }, async () => {
      const { store, messageId, hit, start } = await processingBeside(engine, 1, 'Replay', cleanup);
      const processing = await start();
      const counters = () =>
        store.db
          .selectFrom('recipients')
          .select(['opens', 'clicks', 'machineOpens', 'machineClicks'])
          .where('messageId', '=', messageId)
          .executeTakeFirstOrThrow();
      const open = hit(0);
      await store.hitLog.append([open]);
      processing.nudge();
      await processing.idle();
      const once = await counters();
      assert.equal(once.opens + once.machineOpens, 1);

      // The node never heard the commit (its connection dropped at that moment): the spool
      // appends the same hit again once the database answers.
      await store.hitLog.append([open]);
      processing.nudge();
      await processing.idle();
      assert.deepEqual(await counters(), once);
      const events = await store.db
        .selectFrom('events')
        .select('id')
        .where('messageId', '=', messageId)
        .execute();
      assert.deepEqual(
        events.map((e) => e.id),
        [open.id],
      );
      assert.equal(await store.hitLog.pending(), 0, 'the replayed hit is consumed');
    });
  });
}
