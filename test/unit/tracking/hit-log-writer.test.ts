import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import type { HitLogRow } from '../../../src/store/index.js';
import { HitLogWriter, HitSpool } from '../../../src/tracking/index.js';
import { buildHitLogRow } from '../../factories.js';

const hit = (id: string) => buildHitLogRow(1_700_000_000_000, { id });
const noCopies = async () => undefined;

/** A hit log whose appends commit when the test says so. */
function heldLog(appendsAtOnce: number) {
  const calls: { ids: string[]; commit: () => void }[] = [];
  let called: () => void = () => {};
  return {
    calls,
    /** Resolves once `n` appends have been asked for. */
    until(n: number): Promise<void> {
      if (calls.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        called = () => {
          if (calls.length >= n) resolve();
        };
      });
    },
    log: {
      appendsAtOnce,
      append(rows: readonly HitLogRow[]): Promise<void> {
        return new Promise<void>((resolve) => {
          calls.push({ ids: rows.map((row) => row.id), commit: resolve });
          called();
        });
      },
    },
  };
}

/** Appends `ids`, each in a turn of the event loop of its own. */
async function appendInTurns(writer: HitLogWriter, ids: string[]): Promise<Promise<void>[]> {
  const answered: Promise<void>[] = [];
  for (const id of ids) {
    answered.push(writer.append(hit(id)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return answered;
}

describe('the hit log writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-writer-'));
  const spool = new HitSpool(join(dir, 'hits.jsonl'));
  const logger = pino({ level: 'silent' });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one append in flight where the log commits one at a time: the hits of later turns go together into the next', async () => {
    const held = heldLog(1);
    const writer = new HitLogWriter(held.log, spool, logger, {}, noCopies);
    const answered = await appendInTurns(writer, ['a', 'b', 'c', 'd']);
    await held.until(1);
    assert.deepEqual(
      held.calls.map((call) => call.ids),
      [['a']],
    );
    let done = 0;
    for (const answer of answered) void answer.then(() => done++);
    held.calls[0]!.commit();
    await held.until(2);
    assert.deepEqual(
      held.calls.map((call) => call.ids),
      [['a'], ['b', 'c', 'd']],
    );
    assert.equal(done, 1, 'only the committed hit is answered');
    held.calls[1]!.commit();
    await Promise.all(answered);
    await writer.idle();
    assert.equal(held.calls.length, 2);
  });

  it('sends each turn at once where the log commits several side by side', async () => {
    const held = heldLog(Number.POSITIVE_INFINITY);
    const writer = new HitLogWriter(held.log, spool, logger, {}, noCopies);
    const answered = await appendInTurns(writer, ['a', 'b', 'c']);
    await held.until(3);
    assert.deepEqual(
      held.calls.map((call) => call.ids),
      [['a'], ['b'], ['c']],
    );
    for (const call of held.calls) call.commit();
    await Promise.all(answered);
  });

  it('answers a hit the log refused once the spool holds it', async () => {
    const writer = new HitLogWriter(
      { appendsAtOnce: 1, append: () => Promise.reject(new Error('the database is away')) },
      spool,
      logger,
      {},
      noCopies,
    );
    await writer.append(hit('spooled'));
    const moved: string[] = [];
    const replayer = new HitLogWriter(
      {
        appendsAtOnce: 1,
        append: async (rows) => {
          moved.push(...rows.map((row) => row.id));
        },
      },
      spool,
      logger,
      {},
      noCopies,
    );
    assert.equal(await replayer.replaySpool(), 1);
    assert.deepEqual(moved, ['spooled']);
  });

  it('keeps a hit whose copy could not be looked up, and completes it from its tracking id on replay', async () => {
    const moved: HitLogRow[] = [];
    const known = new Map([['copy-1', { workspaceId: 'w1', messageId: 'm1', recipientId: 'r1' }]]);
    let databaseAway = true;
    const resolveCopy = async (trackingId: string) => {
      if (databaseAway) throw new Error('the database is away');
      return known.get(trackingId);
    };
    const writer = new HitLogWriter(
      {
        appendsAtOnce: 1,
        append: async (rows) => {
          moved.push(...rows);
        },
      },
      spool,
      logger,
      {},
      resolveCopy,
    );
    const { workspaceId, messageId, recipientId, ...facts } = hit('open-1');
    await writer.appendUnresolved({ ...facts, trackingId: 'copy-1' });
    await writer.appendUnresolved({ ...facts, id: 'open-2', trackingId: 'copy-1' });
    await writer.appendUnresolved({ ...facts, id: 'open-gone', trackingId: 'copy-deleted' });

    await assert.rejects(writer.replaySpool(), /away/, 'the database still away');
    assert.equal(moved.length, 0);
    databaseAway = false;
    assert.equal(await writer.replaySpool(), 2, 'the hits of a copy that is gone are dropped');
    assert.deepEqual(
      moved.map((row) => [row.id, row.workspaceId, row.messageId, row.recipientId]),
      [
        [facts.id, 'w1', 'm1', 'r1'],
        ['open-2', 'w1', 'm1', 'r1'],
      ],
    );
    assert.equal(await writer.replaySpool(), 0, 'the spool was emptied');
  });
});
