import type { FastifyBaseLogger } from 'fastify';
import { releaseRunningJobs, type Store } from '../store/index.js';

/**
 * Crash recovery for every queue, run once at start-up before any worker claims a job. On an
 * engine one process owns (SQLite) a job still marked running can only be the leftover of a
 * crash: it goes back to pending at once instead of waiting for its claim to lapse. On
 * PostgreSQL another node may be running it, so its claim is left to lapse.
 */
export async function recoverJobs(
  store: Pick<Store, 'db' | 'singleProcess'>,
  log: Pick<FastifyBaseLogger, 'warn'>,
  now = Date.now(),
): Promise<number> {
  if (!store.singleProcess) return 0;
  const orphans = await releaseRunningJobs(store.db, now);
  if (orphans > 0) log.warn({ jobs: orphans }, 'resuming jobs left running by a crash');
  return orphans;
}
