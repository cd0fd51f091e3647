import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { defineQueue, startWorker, type Worker } from '../../jobs/index.js';
import type { Store } from '../../store/index.js';
import { HOUR_MS } from '../../time-units.js';
import { purgeExpired, type RetentionDeps, type RetentionReport } from './purge-expired.js';

/**
 * One job per hour of the clock, keyed by it: every node queues the current hour's at start and
 * each run queues the next, and the idempotency key keeps one job per hour whoever queued it.
 * Jobs are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL, so one node at a time purges;
 * a node that dies mid-run lets its claim lapse and another takes the job up.
 */
export const RETENTION_QUEUE = defineQueue('retention', Type.Object({ hour: Type.Integer() }));

const jobOf = (hour: number) => ({
  payload: { hour },
  idempotencyKey: `retention:${hour}`,
  runAt: hour * HOUR_MS,
});

export interface RetentionJobOptions extends Omit<RetentionDeps, 'db' | 'hitLog'> {
  readonly store: Store;
  readonly log: FastifyBaseLogger;
  /** The service's clock (epoch ms): tests move it forward an hour instead of waiting. */
  readonly clock: () => number;
  /** Told what each run deleted (the /metrics counters). */
  readonly onPurged?: (report: RetentionReport) => void;
  readonly pollMs?: number;
  readonly lockMs?: number;
}

/**
 * Starts the retention purge: at once (the current hour's job, unless it ran already this hour
 * on some node), then hourly. Each run logs what it deleted and hands it to `onPurged`.
 */
export async function startRetentionJob(options: RetentionJobOptions): Promise<Worker> {
  const { store, log, clock } = options;
  const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);
  const now = clock();
  await RETENTION_QUEUE.enqueue(store.db, [{ ...jobOf(hourOf(now)), runAt: now }], now);
  return startWorker({
    store,
    queue: RETENTION_QUEUE,
    log,
    concurrency: 1,
    now: clock,
    // Due once an hour: a look a minute is plenty (tests nudge it through idle()).
    pollMs: options.pollMs ?? 60_000,
    lockMs: options.lockMs,
    handler: RETENTION_QUEUE.handler(async () => {
      const started = clock();
      const report = await purgeExpired(
        { ...options, db: store.db, hitLog: store.hitLog },
        started,
      );
      log.info({ deleted: report, retentionDays: options.retentionDays }, 'retention purge done');
      options.onPurged?.(report);
      // The next hour of the clock as it is now: a clock moved on by hours runs once, not once
      // for every hour skipped.
      await RETENTION_QUEUE.enqueue(store.db, [jobOf(hourOf(clock()) + 1)], clock());
      return { kind: 'done' };
    }),
  });
}
