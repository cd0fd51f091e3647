import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { findTrackedCopy, type Store } from '../store/index.js';
import { type HitLogHooks, HitLogWriter } from './hit-log-writer.js';
import { HitSpool } from './hit-spool.js';

/** How often hits spooled while the database was away are moved into the hit log, in ms. */
const SPOOL_REPLAY_MS = 15_000;

export interface RunningHitLog {
  readonly writer: HitLogWriter;
  /**
   * Drops this node's spooled hits older than `before` (epoch ms), the retention purge's share
   * of the spool (each node has its own); returns how many went.
   */
  dropSpooledBefore(before: number): Promise<number>;
  /** Stops replaying the spool and waits for every hit appended so far to be durable. */
  stop(): Promise<void>;
}

/**
 * The capture side's hit log writer over `store`, its spool in `<dataDir>/spool/`: hits answered
 * while the database was away are moved into the log before anything else (so are the events an
 * earlier version spooled, `spool/events.jsonl`), then every SPOOL_REPLAY_MS.
 */
export async function startHitLog(
  store: Store,
  dataDir: string,
  log: FastifyBaseLogger,
  hooks: HitLogHooks,
): Promise<RunningHitLog> {
  const spool = new HitSpool(join(dataDir, 'spool', 'hits.jsonl'));
  const writer = new HitLogWriter(
    store.hitLog,
    spool,
    log,
    hooks,
    // Hits spooled unresolved name their copy by tracking id; by replay the database is back.
    (trackingId) => findTrackedCopy(store.db, trackingId),
  );
  const legacySpool = new HitSpool(join(dataDir, 'spool', 'events.jsonl'));
  const replayed =
    (await writer.replaySpool()) + (await legacySpool.drain((hits) => store.hitLog.append(hits)));
  if (replayed > 0) log.warn({ hits: replayed }, 'moved spooled hits into the hit log');
  const timer = setInterval(() => {
    writer
      .replaySpool()
      .catch((error: unknown) => log.warn({ err: error }, 'spool replay failed; will retry'));
  }, SPOOL_REPLAY_MS);
  timer.unref();
  return {
    writer,
    // Both spools: the legacy one is drained at start, but may be left if that failed.
    dropSpooledBefore: async (before) =>
      (await spool.dropBefore(before)) + (await legacySpool.dropBefore(before)),
    async stop() {
      clearInterval(timer);
      await writer.idle();
    },
  };
}
