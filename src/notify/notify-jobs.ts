import type { JobHandler } from '../jobs/index.js';
import { type Db, insertJobs, type NewEventRow, newId, type Store } from '../store/index.js';
import { fanOutEvents } from './fanout.js';
import type { LiveHub } from './hub.js';

export const NOTIFY_QUEUE = 'notify';

/**
 * Queues the fan-out of committed events, in the transaction that wrote them (so none is lost).
 * Clicks (and the opens they imply) wait `clickSettleMs` after the click itself (the settle window, timed from the hit, not
 * from its processing): a scanner's burst is recognised, and relabelled, before anybody is told.
 * `now` is the clock, epoch ms.
 */
export async function queueFanOut(
  db: Db,
  events: readonly NewEventRow[],
  clickSettleMs: number,
  now: number = Date.now(),
): Promise<void> {
  // The open a click implied takes the click's label, so it waits with it.
  const settles = (e: NewEventRow) => e.type === 'click' || e.inferred === 1;
  const soon = events.filter((e) => !settles(e)).map((e) => e.id);
  const clicks = events.filter(settles);
  const settled = clicks.map((e) => e.id);
  const lastClickAt = Math.max(0, ...clicks.map((e) => e.at));
  const jobs = [
    { ids: soon, runAt: now },
    { ids: settled, runAt: Math.max(now, lastClickAt + clickSettleMs) },
  ].filter((job) => job.ids.length > 0);
  await insertJobs(
    db,
    jobs.map((job) => ({
      id: newId(now),
      queue: NOTIFY_QUEUE,
      payload: JSON.stringify({ eventIds: job.ids }),
      status: 'pending' as const,
      runAt: job.runAt,
      attempts: 0,
      lockedUntil: null,
      lastError: null,
      idempotencyKey: `notify:${job.ids[0]}`,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export function notifyJobHandler(store: Store, hub: LiveHub): JobHandler {
  return async (job) => {
    const { eventIds } = JSON.parse(job.payload) as { eventIds: string[] };
    hub.publish(await fanOutEvents(store, eventIds));
    return { kind: 'done' };
  };
}
