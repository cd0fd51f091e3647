import type { EventRow, NotificationRow, Store } from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { foldRuns } from './fold.js';
import { JobLookups } from './job-lookups.js';
import { tellRuns } from './tell-runs.js';

/**
 * Whether an event tells anybody: people (`human`) and proxies fetching for a person (`proxy`)
 * do — an inferred open takes its click's label —; machines only where the workspace asked for
 * them, but for automatic replies, which always tell (docs/decisions.md, issue 17); `self` never.
 */
function notifies(event: EventRow, notifyOnMachineEvents: boolean): boolean {
  if (event.classification === 'self') return false;
  // An out-of-office is a machine's, but says something about the person (away until…).
  if (event.type === 'auto_reply') return true;
  if (event.classification === 'machine') return notifyOnMachineEvents;
  return true;
}

/** Runs of fan-out per transaction: enough to share an fsync, few enough to stall no answer. */
const RUNS_PER_TRANSACTION = 50;

/**
 * Tells the followers of each event's message: one notification per follower who has not muted
 * it, in their language, folding repeats; and one line in the message's chat, folding repeats
 * the same way. Repeats in one job are handled as one run (a flood of hits costs one update,
 * not one per hit). Returns what changed, for the live hub. Safe to run twice: a line that
 * already holds a run's last event takes nothing from it.
 */
export async function fanOutEvents(
  store: Pick<Store, 'db' | 'derivedTransaction' | 'notificationChanges'>,
  events: readonly EventRow[],
): Promise<NotificationRow[]> {
  const { db } = store;
  const changed: NotificationRow[] = [];
  const settingsOf = new Map<string, Awaited<ReturnType<typeof workspaceSettings>>>();
  const told: EventRow[] = [];
  for (const event of events) {
    const settings =
      settingsOf.get(event.workspaceId) ?? (await workspaceSettings(db, event.workspaceId));
    settingsOf.set(event.workspaceId, settings);
    if (notifies(event, settings.notifyOnMachineEvents)) told.push(event);
  }
  const runs = foldRuns(told);
  const known = new JobLookups();
  // Runs share transactions, a chunk at a time: one commit (one fsync) per chunk rather than per
  // run, and a turn of the event loop between chunks for the requests that came in meanwhile.
  for (let i = 0; i < runs.length; i += RUNS_PER_TRANSACTION) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    // Derived from the events: lost to a power cut, the job runs again (its completion is lost too).
    const chunk = runs.slice(i, i + RUNS_PER_TRANSACTION);
    await store.derivedTransaction(async (trx) => {
      const told = await store.notificationChanges.write(trx, (nextSequence) =>
        tellRuns(trx, chunk, known, nextSequence),
      );
      changed.push(...told);
    });
  }
  return changed;
}
