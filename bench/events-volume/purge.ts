/**
 * Purges the events of schema SCHEMA older than CUT_OFF (epoch ms) with the store's own
 * purgeEventsBefore, and prints how long it took and its slowest batch.
 *
 *   node --import tsx bench/events-volume/purge.ts postgres://postgres@127.0.0.1:5432/volume plain 1767225600000 5000
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config.js';
import { openStore, purgeEventsBefore } from '../../src/store/index.js';

const [url, schema, cutOff, batch] = process.argv.slice(2);
if (!url || !schema || !cutOff)
  throw new Error('usage: purge.ts DATABASE_URL SCHEMA CUT_OFF [BATCH]');
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }, process.cwd());
const store = await openStore(config.database, { schema, maxConnections: 1 });
try {
  const started = performance.now();
  let last = started;
  const batches: number[] = [];
  const deleted = await purgeEventsBefore(store.db, Number(cutOff), {
    batchSize: batch ? Number(batch) : undefined,
    afterBatch: () => {
      const now = performance.now();
      batches.push(now - last);
      last = now;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  batches.sort((a, b) => a - b);
  const at = (q: number) => batches[Math.min(batches.length - 1, Math.floor(q * batches.length))]!;
  console.log(
    `${schema}: ${deleted} rows in ${seconds.toFixed(1)} s (${Math.round(deleted / seconds)} rows/s), ` +
      `${batches.length} batches: median ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, ` +
      `max ${batches.at(-1)!.toFixed(0)} ms`,
  );
} finally {
  await store.close();
}
