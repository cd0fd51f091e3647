import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { buildHitLogRow } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

let at = Date.UTC(2026, 10, 30, 9);
function hit(userAgent: string) {
  at += 1;
  return buildHitLogRow(at, {
    workspaceId: 'w1',
    messageId: 'm1',
    recipientId: 'r1',
    ip: '192.0.2.0',
    userAgent,
  });
}

for (const engine of testEngines()) {
  describe(`the hit log (${engine})`, () => {
    let database: TestDatabase;
    const open = () =>
      openStore(loadConfig({ ...database.env, LOG_LEVEL: 'silent' }).database, {
        schema: database.schema,
        maxConnections: 4,
      });
    let writer: Store;
    let reader: Store;

    before(async () => {
      database = await createTestDatabase(engine);
      writer = await open();
      await writer.migrate();
      // The processing thread's side: a connection of its own, for derived writes.
      reader = await openStore(loadConfig({ ...database.env, LOG_LEVEL: 'silent' }).database, {
        schema: database.schema,
        maxConnections: 4,
        derivedWrites: true,
      });
    });
    after(async () => {
      await reader.close();
      await writer.close();
      await database.drop();
    });

    let lastSeq = 0;
    /** Reads like the processing stage: consume in a transaction, then say it committed. */
    async function consumeAll(durable = false): Promise<string[]> {
      const hits = await reader.hitLog.read(1000);
      await reader.derivedTransaction((trx) => reader.hitLog.consume(trx, hits), durable);
      reader.hitLog.consumed(hits);
      for (const h of hits) lastSeq = Math.max(lastSeq, h.seq);
      return hits.map((h) => h.userAgent!);
    }

    it('reads hits in the order they were appended, once consumed never again', async () => {
      await writer.hitLog.append([hit('a'), hit('b')]);
      await writer.hitLog.append([hit('c')]);
      assert.equal(await writer.hitLog.pending(), 3);
      assert.deepEqual(await consumeAll(), ['a', 'b', 'c']);
      assert.equal(await writer.hitLog.pending(), 0);
      assert.deepEqual(await consumeAll(), []);
    });

    it('gives back every field of a hit as it was appended, whatever the text holds', async () => {
      // Header values reach Node as latin1 text: quotes, backslashes, JSON-looking text,
      // characters past ASCII and the longest values the request path keeps.
      const awkward = [
        'Mozilla/5.0 "quoted" \\ back\\slash',
        '{"looks": ["like", "json"]}',
        'caf\u00e9 \u00ff\u00a0\u00bf',
        `${'x'.repeat(999)}\u00e9`,
        '',
      ];
      const rows = awkward.map((userAgent, i) => ({
        ...hit(userAgent),
        type: i % 2 ? ('click' as const) : ('download' as const),
        linkIdx: i % 2 ? 65_535 - i : null,
        attachmentId: i % 2 ? null : `a${i}`,
        method: i % 2 ? 'HEAD' : 'GET',
        ip: i % 2 ? '2001:db8:1::' : null,
        headers: i % 2 ? JSON.stringify({ accept: 'image/*;q=0.8, "x"', referer: '\u00e9' }) : null,
        senderSession: i % 2,
      }));
      await writer.hitLog.append(rows);
      const read = await reader.hitLog.read(1000);
      await reader.derivedTransaction((trx) => reader.hitLog.consume(trx, read), false);
      reader.hitLog.consumed(read);
      for (const h of read) lastSeq = Math.max(lastSeq, h.seq);
      assert.deepEqual(
        read.map(({ seq: _seq, ...row }) => ({ ...row, at: Number(row.at) })),
        rows,
      );
    });

    it('keeps a hit appended twice (a spool replay) once', async () => {
      const twice = hit('twice');
      await writer.hitLog.append([twice]);
      await writer.hitLog.append([twice]);
      assert.deepEqual(await consumeAll(), ['twice']);
    });

    it('goes on reading after pruning emptied the log', async () => {
      await writer.hitLog.append([hit('before prune')]);
      assert.deepEqual(await consumeAll(true), ['before prune']);
      await writer.hitLog.prune(lastSeq);
      await writer.hitLog.append([hit('after prune')]);
      assert.deepEqual(await consumeAll(), ['after prune']);
    });

    if (engine === 'postgres') {
      it('rolls a batch back whole when another transaction consumed its hits first', async () => {
        await writer.hitLog.append([hit('raced-1'), hit('raced-2')]);
        const hits = await reader.hitLog.read(1000);
        assert.equal(hits.length, 2);
        // The first consumer holds its delete open while a second (another node) tries too.
        let commitFirst: () => void = () => {};
        let firstConsumed: () => void = () => {};
        const consumedByFirst = new Promise<void>((resolve) => {
          firstConsumed = resolve;
        });
        const first = writer.derivedTransaction(async (trx) => {
          await writer.hitLog.consume(trx, hits);
          firstConsumed();
          await new Promise<void>((resolve) => {
            commitFirst = resolve;
          });
        });
        await consumedByFirst;
        const second = reader.derivedTransaction((trx) => reader.hitLog.consume(trx, hits));
        commitFirst();
        await first;
        await assert.rejects(second, { name: 'HitsConsumedElsewhere' });
        assert.equal(await writer.hitLog.pending(), 0);
      });
    }

    it('does not count hits whose transaction rolled back as consumed', async () => {
      await writer.hitLog.append([hit('rolled back')]);
      const hits = await reader.hitLog.read(10);
      await assert.rejects(
        reader.derivedTransaction(async (trx) => {
          await reader.hitLog.consume(trx, hits);
          throw new Error('the batch failed');
        }),
      );
      assert.equal(await writer.hitLog.pending(), 1);
      // A reader that starts afresh (a restart) resumes from what was committed.
      const fresh = await open();
      try {
        assert.deepEqual(
          (await fresh.hitLog.read(10)).map((h) => h.userAgent),
          ['rolled back'],
        );
      } finally {
        await fresh.close();
      }
      assert.deepEqual(await consumeAll(), ['rolled back']);
    });

    if (engine === 'sqlite') {
      it('keeps the log in a private file of its own', () => {
        const file = join(database.dataDir, 'mailbeacon.hits.db');
        assert.equal(statSync(file).mode & 0o777, 0o600);
      });
    }
  });
}
