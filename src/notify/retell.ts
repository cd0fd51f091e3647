import { Type } from 'typebox';
import { defineQueue, type JobHandler } from '../jobs/index.js';
import { type Db, type EventRow, findEventsByIds, type Store } from '../store/index.js';
import { foldKeyOf } from './fold.js';
import type { LiveHub } from './hub.js';
import { JobLookups } from './job-lookups.js';
import { retellFoldKey } from './retell-lines.js';

/**
 * Correcting what the team was told about events relabelled after their fan-out (a honeypot
 * hit or a scanner's burst unmasking an open already told as a person's). Its jobs run in the
 * fan-out's worker (`startWorker`'s `also`), one at a time with the fan-out's, so a correction
 * comes after the telling it corrects and change sequences are published in order.
 */
export const RETELL_QUEUE = defineQueue(
  'retell',
  Type.Object({ eventIds: Type.Array(Type.String(), { minItems: 1 }) }),
);

/**
 * Queues the correction of stored events a batch relabelled (`relabelled`, event ids), in the
 * batch's transaction, so a crash loses none: one job per batch at most, keyed by the batch
 * (`batchKey`, its first new event's id: a replayed batch queues nothing twice). Events not yet
 * told (the settle window still running) need no correction: their fan-out reads their labels as
 * they are by then; the job finds nothing told and changes nothing. `now` is the clock, epoch ms.
 */
export async function queueRetell(
  db: Db,
  batchKey: string,
  relabelled: readonly string[],
  now: number = Date.now(),
): Promise<void> {
  if (relabelled.length === 0) return;
  await RETELL_QUEUE.enqueue(
    db,
    [{ payload: { eventIds: [...relabelled] }, idempotencyKey: `retell:${batchKey}`, runAt: now }],
    now,
  );
}

/**
 * Runs a correction job: retells the lines about the events' fold keys (chat lines, every
 * user's notifications) as the events are labelled now, in one transaction, and publishes the
 * notifications it changed (updated, or retracted) to `hub`. Webhooks already delivered stay as
 * they were (docs/webhooks.md). Running it again changes nothing more.
 */
export function retellJobHandler(
  store: Pick<Store, 'db' | 'derivedTransaction' | 'notificationChanges'>,
  hub: LiveHub,
): JobHandler {
  return RETELL_QUEUE.handler(async ({ eventIds }) => {
    const events = await findEventsByIds(store.db, eventIds);
    // One retelling per fold key, from its earliest relabelled event (ids are time-ordered).
    const firsts = new Map<string, EventRow>();
    for (const event of events) {
      const key = foldKeyOf(event);
      if (!firsts.has(key)) firsts.set(key, event);
    }
    if (firsts.size === 0) return { kind: 'done' };
    const known = new JobLookups();
    // Derived from the events, like the fan-out: lost to a power cut, the job runs again.
    const changed = await store.derivedTransaction((trx) =>
      store.notificationChanges.write(trx, async (nextSequence) => {
        const rows = [];
        for (const first of firsts.values()) {
          rows.push(...(await retellFoldKey(trx, first, known, nextSequence)));
        }
        return rows;
      }),
    );
    hub.publish(changed);
    return { kind: 'done' };
  });
}
