import { Type } from 'typebox';
import { defineQueue, type JobHandler } from '../jobs/index.js';
import { type Db, findEventsByIds, type NewEventRow, type Store } from '../store/index.js';
import { fanOutEvents } from './fanout.js';
import type { LiveHub } from './hub.js';
import { enqueueWebhooksForEvents } from './webhooks/index.js';

/** Telling people about committed events (the fan-out), then queueing their webhooks. */
export const NOTIFY_QUEUE = defineQueue(
  'notify',
  Type.Object({ eventIds: Type.Array(Type.String(), { minItems: 1 }) }),
);

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
  await NOTIFY_QUEUE.enqueue(
    db,
    jobs.map((job) => ({
      payload: { eventIds: job.ids },
      idempotencyKey: `notify:${job.ids[0]}`,
      runAt: job.runAt,
    })),
    now,
  );
}

/**
 * Runs a fan-out job: tells followers (chat lines, notifications, published to `hub`), then
 * queues the events' webhook deliveries — after the settle window, so their labels are final —
 * and calls `onWebhooksQueued` when there are new ones (the webhook worker may look at once).
 */
export function notifyJobHandler(
  store: Store,
  hub: LiveHub,
  onWebhooksQueued: () => void = () => {},
): JobHandler {
  return NOTIFY_QUEUE.handler(async ({ eventIds }) => {
    // Read as they are now, once for both: the settle window is over, so a scanner's burst
    // relabelled after its commit is told as `machine` (and a chat channel does not hear of it).
    const events = await findEventsByIds(store.db, eventIds);
    hub.publish(await fanOutEvents(store, events));
    if ((await enqueueWebhooksForEvents(store.db, events)) > 0) onWebhooksQueued();
    return { kind: 'done' };
  });
}
