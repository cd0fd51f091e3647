import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openHitLogFile } from '../../../src/store/engines/hit-log-file.js';
import { HitLogWriterThread } from '../../../src/store/engines/hit-log-writer-client.js';
import { buildHitLogRow } from '../../factories.js';

const hit = (n: number) => buildHitLogRow(1_700_000_000_000 + n, { userAgent: `Writer/${n}` });

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => hit(from + i));

describe('the SQLite hit log’s writer thread, after it died', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailbeacon-writer-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts again on the next append; what it reported durable is there, in order', {
    timeout: 60_000,
  }, async () => {
    const file = join(dir, 'mailbeacon.hits.db');
    const writer = new HitLogWriterThread(file);
    assert.equal(await writer.append(range(0, 5)), 5);
    await writer.terminate();

    // Asked while it dies: either refused (the caller spools it) or committed, never reported
    // durable without being so.
    const inFlight = writer.append(range(5, 8)).then(
      () => true,
      () => false,
    );
    await writer.terminate();
    const reportedDurable = await inFlight;

    assert.equal(await writer.append(range(8, 12)), 4);
    await writer.close();

    const reader = openHitLogFile(file);
    const rows = reader.prepare('select seq, user_agent as ua from hits order by seq').all() as {
      seq: number;
      ua: string;
    }[];
    reader.close();
    const agents = rows.map((r) => r.ua);
    for (const n of [0, 1, 2, 3, 4, 8, 9, 10, 11])
      assert.ok(agents.includes(`Writer/${n}`), `${n}`);
    if (reportedDurable) {
      for (const n of [5, 6, 7]) assert.ok(agents.includes(`Writer/${n}`), `${n}`);
    }
    assert.equal(new Set(agents).size, agents.length, 'none twice');
    // The log's order is the order of appending.
    const numbers = agents.map((ua) => Number(ua.split('/')[1]));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
  });
});
