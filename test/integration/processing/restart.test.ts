import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { ProcessingThread } from '../../../src/processing/index.js';
import { type HitLogRow, openStore, type Store } from '../../../src/store/index.js';
import { buildHitLogRow } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { mailSentThenStopped } from '../../helpers/mail-sent-then-stopped.js';

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
      const { database, env, messageId } = await mailSentThenStopped(engine, RECIPIENTS, cleanup);

      // The processing thread alone, beside the hit log it consumes.
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' }, process.cwd());
      const postgres = database.schema ? { schema: database.schema, maxConnections: 2 } : {};
      const store: Store = await openStore(config.database, postgres);
      cleanup.push(() => store.close());
      const copies = await store.db
        .selectFrom('recipients')
        .select(['id', 'messageId', 'workspaceId'])
        .where('messageId', '=', messageId)
        .execute();
      assert.equal(copies.length, RECIPIENTS);
      const hit = (n: number): HitLogRow => {
        const copy = copies[n % copies.length]!;
        return buildHitLogRow(Date.now(), {
          workspaceId: copy.workspaceId,
          messageId: copy.messageId,
          recipientId: copy.id,
          ip: `198.51.${n}.0`,
          userAgent: `Mozilla/5.0 (X11; Linux x86_64) Restart/${n}`,
        });
      };
      const processing = await ProcessingThread.start({
        database: config.database,
        postgres,
        logLevel: 'silent',
        log: createLogger({ logLevel: 'silent' }),
        clock: Date.now,
        clickSettleMs: 0,
        restartMs: 0,
        hitLog: store.hitLog,
        onPublished: () => {},
        onWebhooksQueued: () => {},
        onProcessed: () => {},
      });
      cleanup.push(() => processing.stop());

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
  });
}
