import type { FastifyBaseLogger } from 'fastify';
import {
  claimDueJobs,
  completeJob,
  failJob,
  type JobRow,
  renewJobClaim,
  retryJob,
  type Store,
} from '../store/index.js';
import { IdleSignal } from './idle-signal.js';
import type { JobHandler, JobOutcome, Queue } from './queue.js';

export interface WorkerOptions {
  readonly store: Store;
  /** The queue whose jobs it claims (its handler reads their payloads: `queue.handler`). */
  readonly queue: Queue<unknown>;
  readonly handler: JobHandler;
  readonly log: FastifyBaseLogger;
  /** Jobs run at once by this worker. */
  readonly concurrency?: number;
  /** How often the table is looked at when nobody nudges. */
  readonly pollMs?: number;
  /** A claim lapses after this long without a heartbeat: a crashed node's jobs are taken up. */
  readonly lockMs?: number;
  /** Delay before an unexpected handler error is retried. */
  readonly errorRetryMs?: number;
  /** The clock jobs fall due by, epoch ms (tests inject one to pass a settle window). */
  readonly now?: () => number;
}

export interface Worker {
  /** Look for work now (after enqueueing), instead of at the next poll. */
  nudge(): void;
  /**
   * Resolves once a look at the queue, begun after this call, found no job due and none running:
   * what tests wait on instead of sleeping. Jobs due later (a settle window) do not count.
   */
  idle(): Promise<void>;
  /** Stops claiming and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

/**
 * An in-process worker over the durable job table: claims due jobs, runs them, records the
 * outcome. While a job runs its claim is renewed, so only a crashed worker's jobs lapse and are
 * claimed again (at-least-once; handlers make repeated work harmless with idempotency keys).
 */
export function startWorker(options: WorkerOptions): Worker {
  const { store, handler, log } = options;
  const queue = options.queue.name;
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 10 * 60_000;
  const errorRetryMs = options.errorRetryMs ?? 60_000;
  const clock = options.now ?? Date.now;
  const active = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | undefined;
  let nudged = false;
  const idleness = new IdleSignal();

  const renewClaim = (job: JobRow) =>
    setInterval(
      () => {
        renewJobClaim(store.db, job.id, clock() + lockMs).catch((error: unknown) =>
          log.warn({ err: error, jobId: job.id }, 'job claim renewal failed'),
        );
      },
      Math.max(50, Math.floor(lockMs / 3)),
    );

  async function run(job: JobRow): Promise<void> {
    const heartbeat = renewClaim(job);
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (error) {
      log.error({ err: error, jobId: job.id, queue }, 'job failed unexpectedly; will retry');
      outcome = {
        kind: 'retry',
        error: String((error as Error)?.message ?? error),
        delayMs: errorRetryMs,
      };
    } finally {
      clearInterval(heartbeat);
    }
    const now = clock();
    try {
      if (outcome.kind === 'done') await completeJob(store.db, job.id, now);
      else if (outcome.kind === 'retry')
        await retryJob(store.db, job.id, now + outcome.delayMs, outcome.error, now);
      else await failJob(store.db, job.id, outcome.error, now);
    } catch (error) {
      // The claim lapses and the job runs again; its handler knows what was already done.
      log.error({ err: error, jobId: job.id, queue }, 'recording a job outcome failed');
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      // On SQLite every query completes synchronously: without a turn of the event loop here, a
      // long backlog would keep requests (tracking hits among them) from being read at all.
      await new Promise((resolve) => setImmediate(resolve));
      const look = idleness.look();
      let claimed: JobRow[] = [];
      const room = concurrency - active.size;
      if (room > 0) {
        try {
          claimed = await claimDueJobs(store.db, {
            queue,
            now: clock(),
            lockMs,
            limit: room,
            skipLocked: store.supportsSkipLocked,
          });
        } catch (error) {
          log.error({ err: error, queue }, 'claiming jobs failed');
        }
      }
      for (const job of claimed) {
        const running = run(job).finally(() => {
          active.delete(running);
          wake?.();
        });
        active.add(running);
      }
      if (claimed.length > 0 && active.size < concurrency) continue;
      if (claimed.length === 0 && active.size === 0) idleness.nothingFound(look);
      if (nudged) {
        nudged = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  const looping = loop();
  return {
    nudge() {
      nudged = true;
      wake?.();
    },
    idle() {
      const idle = idleness.wait();
      nudged = true;
      wake?.();
      return idle;
    },
    async stop() {
      stopped = true;
      wake?.();
      await looping;
      await Promise.all(active);
      idleness.release();
    },
  };
}
