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
  /**
   * Further queues this worker claims from, each with its handler, sharing its concurrency and
   * its order (due time): work that must never run beside the main queue's, nor publish out of
   * step with it (corrections of what the fan-out told).
   */
  readonly also?: readonly { readonly queue: Queue<unknown>; readonly handler: JobHandler }[];
  readonly log: FastifyBaseLogger;
  /** Jobs run at once by this worker. */
  readonly concurrency?: number;
  /** How often the table is looked at when nobody nudges. */
  readonly pollMs?: number;
  /**
   * A claim lapses after this long without a heartbeat: a crashed node's jobs are taken up
   * (default CLAIM_MS).
   */
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

/** A worker's options with their defaults applied. */
interface Settings {
  readonly store: Store;
  /** The queues' names, the first the main one (named in logs). */
  readonly queue: string;
  readonly queues: readonly string[];
  /** Runs a job of any of the queues with that queue's handler. */
  readonly handler: JobHandler;
  readonly log: FastifyBaseLogger;
  readonly lockMs: number;
  readonly errorRetryMs: number;
  readonly clock: () => number;
}

/** Records what came of a job; a failure to record leaves the claim to lapse (it runs again). */
async function recordOutcome(settings: Settings, job: JobRow, outcome: JobOutcome) {
  const { store, clock, log, queue } = settings;
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

/**
 * Runs one claimed job, renewing its claim every third of `lockMs` while it runs: a handler
 * that throws is retried after `errorRetryMs`.
 */
async function runJob(settings: Settings, job: JobRow): Promise<void> {
  const { store, clock, log, queue, lockMs } = settings;
  const heartbeat = setInterval(
    () => {
      renewJobClaim(store.db, job.id, clock() + lockMs).catch((error: unknown) =>
        log.warn({ err: error, jobId: job.id }, 'job claim renewal failed'),
      );
    },
    Math.max(50, Math.floor(lockMs / 3)),
  );
  let outcome: JobOutcome;
  try {
    outcome = await settings.handler(job);
  } catch (error) {
    log.error({ err: error, jobId: job.id, queue }, 'job failed unexpectedly; will retry');
    outcome = {
      kind: 'retry',
      error: String((error as Error)?.message ?? error),
      delayMs: settings.errorRetryMs,
    };
  } finally {
    clearInterval(heartbeat);
  }
  await recordOutcome(settings, job, outcome);
}

/** Claims up to `limit` due jobs; a failure to claim is logged and claims none this time. */
async function claim(
  settings: Settings,
  limit: number,
  running: ReadonlySet<string>,
): Promise<JobRow[]> {
  const { store, queue } = settings;
  if (limit <= 0) return [];
  try {
    return await claimDueJobs(store.db, {
      queue: settings.queues,
      now: settings.clock(),
      lockMs: settings.lockMs,
      limit,
      skipLocked: store.supportsSkipLocked,
      running: [...running],
    });
  } catch (error) {
    settings.log.error({ err: error, queue }, 'claiming jobs failed');
    return [];
  }
}

/**
 * An in-process worker over the durable job table: claims due jobs, runs them, records the
 * outcome. While a job runs its claim is renewed, so only a crashed worker's jobs lapse and are
 * claimed again (at-least-once; handlers make repeated work harmless with idempotency keys).
 */
/**
 * How long a claim holds without renewal, in ms. Running jobs renew it every third of that, so
 * it bounds only how long a crashed node's jobs wait (a mail half sent when its node was killed
 * goes out from another node within a minute, not ten).
 */
export const CLAIM_MS = 60_000;

export function startWorker(options: WorkerOptions): Worker {
  const handlers = new Map<string, JobHandler>([
    [options.queue.name, options.handler],
    ...(options.also ?? []).map((q) => [q.queue.name, q.handler] as const),
  ]);
  const settings: Settings = {
    store: options.store,
    queue: options.queue.name,
    queues: [...handlers.keys()],
    handler: (job) => (handlers.get(job.queue) ?? options.handler)(job),
    log: options.log,
    lockMs: options.lockMs ?? CLAIM_MS,
    errorRetryMs: options.errorRetryMs ?? 60_000,
    clock: options.now ?? Date.now,
  };
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const active = new Set<Promise<void>>();
  /** The ids of the jobs in `active`: a lapsed claim of one of them is not taken again here. */
  const activeIds = new Set<string>();
  let stopped = false;
  let wake: (() => void) | undefined;
  let nudged = false;
  const idleness = new IdleSignal();

  async function loop(): Promise<void> {
    while (!stopped) {
      // On SQLite every query completes synchronously: without a turn of the event loop here, a
      // long backlog would keep requests (tracking hits among them) from being read at all.
      await new Promise((resolve) => setImmediate(resolve));
      const look = idleness.look();
      const claimed = await claim(settings, concurrency - active.size, activeIds);
      for (const job of claimed) {
        const running = runJob(settings, job).finally(() => {
          active.delete(running);
          activeIds.delete(job.id);
          wake?.();
        });
        active.add(running);
        activeIds.add(job.id);
      }
      if (claimed.length > 0 && active.size < concurrency) continue;
      if (claimed.length === 0 && active.size === 0) idleness.nothingFound(look);
      if (nudged) {
        nudged = false;
        continue;
      }
      // Stopped while it claimed: stop() found no wait to cut short, so none may begin (a
      // retention worker polls once a minute, and its service took that minute to close).
      if (stopped) break;
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
