import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from './database.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** The outbox: durable work (sending a copy, delivering a webhook) claimed by workers. */
export interface JobTable {
  id: string;
  queue: string;
  payload: string;
  status: JobStatus;
  runAt: number;
  attempts: number;
  /** While running: when the claim lapses, so a crashed worker's job is taken up again. */
  lockedUntil: number | null;
  lastError: string | null;
  /** At most one job per key: enqueueing the same work twice is a no-op. */
  idempotencyKey: string | null;
  /**
   * Jobs of one group run one at a time, across nodes (a workspace's Sent copies: one stalled
   * mailbox holds up its own only); null: no such rule.
   */
  groupKey: string | null;
  createdAt: number;
  updatedAt: number;
}
export type JobRow = Selectable<JobTable>;
export type NewJobRow = Insertable<JobTable>;

export async function insertJobs(db: Db, rows: readonly NewJobRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .execute();
  }
}

export interface ClaimOptions {
  /** The queue, or queues, to claim from: a worker may serve several in one order. */
  readonly queue: string | readonly string[];
  readonly now: number;
  readonly lockMs: number;
  readonly limit: number;
  /** PostgreSQL: claim with FOR UPDATE SKIP LOCKED so several nodes never take the same job. */
  readonly skipLocked: boolean;
  /**
   * Jobs the claiming worker is running itself (a handful): never claimed again by it, even
   * when their claim lapsed (a stalled event loop, a clock stepped forward), or they would run
   * twice side by side in one process.
   */
  readonly running?: readonly string[];
}

/**
 * Claims due jobs (pending and due, or running with a lapsed claim) and marks them running. A
 * job with a group is claimed only while no other job of its group runs (its claim held, or run
 * by the claiming worker), and one per group per claim.
 */
export function claimDueJobs(db: Db, options: ClaimOptions): Promise<JobRow[]> {
  const { queue, now, lockMs, limit, skipLocked, running = [] } = options;
  const queues = typeof queue === 'string' ? [queue] : queue;
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('jobs')
      .select(['id', 'groupKey'])
      .where('queue', 'in', queues)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<=', now)]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('jobs.groupKey', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs as busy')
                .select('busy.id')
                .whereRef('busy.groupKey', '=', 'jobs.groupKey')
                .whereRef('busy.id', '!=', 'jobs.id')
                .where('busy.status', '=', 'running')
                .where((busy) =>
                  running.length > 0
                    ? busy.or([busy('busy.lockedUntil', '>', now), busy('busy.id', 'in', running)])
                    : busy('busy.lockedUntil', '>', now),
                ),
            ),
          ),
        ]),
      )
      .orderBy('runAt')
      .limit(limit);
    if (running.length > 0) due = due.where('id', 'not in', running);
    if (skipLocked) due = due.forUpdate().skipLocked();
    const groups = new Set<string>();
    const ids: string[] = [];
    for (const row of await due.execute()) {
      if (row.groupKey !== null) {
        if (groups.has(row.groupKey)) continue;
        groups.add(row.groupKey);
      }
      ids.push(row.id);
    }
    if (ids.length === 0) return [];
    await trx
      .updateTable('jobs')
      .set({
        status: 'running',
        lockedUntil: now + lockMs,
        attempts: sql<number>`attempts + 1`,
        updatedAt: now,
      })
      .where('id', 'in', ids)
      .execute();
    return trx.selectFrom('jobs').selectAll().where('id', 'in', ids).execute();
  });
}

export async function completeJob(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', lockedUntil: null, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function retryJob(
  db: Db,
  id: string,
  runAt: number,
  error: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'pending', runAt, lockedUntil: null, lastError: error, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Db, id: string, error: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', lockedUntil: null, lastError: error, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function renewJobClaim(db: Db, id: string, lockedUntil: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lockedUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Puts every running job back to pending. Only for an engine one process owns (SQLite): at
 * start-up, a running job can only be the leftover of a crash, and need not wait for its claim
 * to lapse.
 */
export async function releaseRunningJobs(db: Db, now: number): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', lockedUntil: null, updatedAt: now })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
