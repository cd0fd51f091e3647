import type { Static, TSchema } from 'typebox';
import { Check } from 'typebox/value';
import { type Db, insertJobs, type JobRow, newId } from '../store/index.js';

export type JobOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly error: string; readonly delayMs: number }
  | { readonly kind: 'failed'; readonly error: string };

/** Runs one claimed job of a queue; the worker records the outcome. */
export type JobHandler = (job: JobRow) => Promise<JobOutcome>;

/** One piece of work to queue. */
export interface QueuedJob<Payload> {
  readonly payload: Payload;
  /**
   * At most one job per key, ever: queueing the same work twice (a replayed batch, a retried
   * request) is a no-op. Conventionally `<queue>:<what it is about>`.
   */
  readonly idempotencyKey: string;
  /** When it falls due, epoch ms (default: `now`). */
  readonly runAt?: number;
  /** Jobs of one group run one at a time, on every node (default: none, no such rule). */
  readonly group?: string;
}

/**
 * A durable queue of the job table with a payload of one shape: the one place that builds its
 * job rows and the one place that reads its payloads back, checked against the schema (a row
 * that does not match fails its job with a clear error instead of a handler reading garbage).
 */
export interface Queue<Payload> {
  readonly name: string;
  /** Inserts the jobs (in `db`, which may be the caller's transaction); `now` in epoch ms. */
  enqueue(db: Db, jobs: readonly QueuedJob<Payload>[], now?: number): Promise<void>;
  /** A worker's handler for this queue, from one that takes the job's checked payload. */
  handler(run: (payload: Payload, job: JobRow) => Promise<JobOutcome>): JobHandler;
}

/**
 * Declares a queue: its name in the job table and its payload's TypeBox schema.
 *
 *   export const SEND_QUEUE = defineQueue('send', Type.Object({ copyId: Type.String() }));
 *   await SEND_QUEUE.enqueue(trx, [{ payload: { copyId }, idempotencyKey: `send:${copyId}` }]);
 *   startWorker({ queue: SEND_QUEUE, handler: SEND_QUEUE.handler(async ({ copyId }) => …) });
 */
export function defineQueue<Schema extends TSchema>(
  name: string,
  schema: Schema,
): Queue<Static<Schema>> {
  return {
    name,
    async enqueue(db, jobs, now = Date.now()) {
      if (jobs.length === 0) return;
      await insertJobs(
        db,
        jobs.map((job) => ({
          id: newId(now),
          queue: name,
          payload: JSON.stringify(job.payload),
          status: 'pending' as const,
          runAt: job.runAt ?? now,
          attempts: 0,
          lockedUntil: null,
          lastError: null,
          idempotencyKey: job.idempotencyKey,
          groupKey: job.group ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      );
    },
    handler(run) {
      return async (job) => {
        let payload: unknown;
        try {
          payload = JSON.parse(job.payload);
        } catch {
          payload = undefined;
        }
        if (!Check(schema, payload)) {
          return { kind: 'failed', error: `the job's payload is not a ${name} job's` };
        }
        return run(payload, job);
      };
    },
  };
}
