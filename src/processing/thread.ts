/**
 * The processing thread's entry (a worker_thread started by ProcessingThread): the hit log's
 * consumer and the notification fan-out, on a connection of their own, beside the event loop
 * that answers requests (docs/decisions.md, "The processing stage's thread").
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { startWorker } from '../jobs/index.js';
import { createLogger } from '../logger.js';
import {
  type LiveHub,
  NOTIFY_QUEUE,
  notifyJobHandler,
  queueFanOut,
  queueRetell,
  RETELL_QUEUE,
  retellJobHandler,
} from '../notify/index.js';
import { HitPipeline, loadClassifierLists, type PipelineStatus } from '../pipeline/index.js';
import { type NewEventRow, openStore, type Store } from '../store/index.js';
import { LeadingPipeline } from './leading-pipeline.js';
import { CELL, type FromThread, type ProcessingThreadData, type ToThread } from './protocol.js';

/** The processing thread's nice value: 10, as background work usually runs. */
const PROCESSING_NICE = 10;
const port = parentPort!;
const data = workerData as ProcessingThreadData;
const cells = new Float64Array(data.cells);
const post = (message: FromThread) => port.postMessage(message);
/** The service's clock: real time plus the offset the main thread keeps current. */
const now = () => Date.now() + cells[CELL.clockOffsetMs]!;

const log = createLogger({
  logLevel: data.logLevel,
  trackingIp: data.trackingIp ?? 'anonymize',
}).child({ thread: 'processing' });

// Below the request thread and the hit log's writer in the scheduler's eyes (Linux keeps a nice
// value per thread): when the cores are short, answers come first and the backlog waits,
// durable, in the hit log.
// Elsewhere the call would lower the whole process, so it is made on Linux only.
if (process.platform === 'linux') {
  try {
    setPriority(PROCESSING_NICE);
  } catch (error) {
    log.warn({ err: error }, 'could not lower the processing thread’s priority');
  }
}

try {
  await run();
} catch (error) {
  log.error({ err: error }, 'the processing thread could not start');
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}

/** A pipeline over `store`, reporting to the main thread through the cells and messages. */
function hitPipeline(store: Store, onEvents: () => void, onStatus: () => void): HitPipeline {
  return new HitPipeline({
    store,
    lists: loadClassifierLists(),
    log,
    now,
    batchSize: data.batchSize,
    onDurable: (seq) => post({ kind: 'durable', seq }),
    onStatus,
    inTransaction: async (db, events, relabelled) => {
      await queueFanOut(db, events, data.clickSettleMs, now());
      await queueRetell(db, events[0]!.id, relabelled, now());
    },
    onCommitted: (events) => {
      onEvents();
      post({ kind: 'processed', events: countByLabel(events) });
    },
  });
}

/** Publishes the stage's status to the cells the main thread reads. */
function report(status: PipelineStatus): void {
  cells[CELL.oldestPendingAt] = status.lagMs === 0 ? Number.NaN : now() - status.lagMs;
  cells[CELL.processed] = status.processed;
  cells[CELL.failures] = status.failures;
}

/** Events by type and label, as the metrics count them. */
function countByLabel(events: readonly NewEventRow[]): [string, string, number][] {
  const byLabel = new Map<string, [string, string, number]>();
  for (const event of events) {
    const label = event.classification ?? 'human';
    const key = `${event.type} ${label}`;
    const entry = byLabel.get(key) ?? [event.type, label, 0];
    entry[2] += 1;
    byLabel.set(key, entry);
  }
  return [...byLabel.values()];
}

async function run(): Promise<void> {
  const store = await openStore(data.database, { ...data.postgres, derivedWrites: true });
  // Only the main thread publishes to live streams: this one hands it what was committed —
  // unless the hub follows the database's announcements (PostgreSQL), which carry these too.
  const followed = store.notificationChanges.follow !== undefined;
  const hub: LiveHub = {
    publish: (notifications) => {
      if (!followed) post({ kind: 'published', notifications: [...notifications] });
    },
    subscribe: () => {
      throw new Error('live streams subscribe on the main thread');
    },
  };
  let nudgeNotify = () => {};
  const pipeline: LeadingPipeline = new LeadingPipeline({
    store,
    log,
    leaseRetryMs: data.leaseRetryMs,
    pipeline: () =>
      hitPipeline(
        store,
        () => nudgeNotify(),
        () => report(pipeline.status()),
      ),
  });
  const notifier = startWorker({
    store,
    queue: NOTIFY_QUEUE,
    log,
    now,
    // One at a time: change sequences are then published in order, which live resumes rely on.
    concurrency: 1,
    lockMs: data.notifyLockMs,
    pollMs: data.notifyPollMs,
    handler: notifyJobHandler(store, hub, () => post({ kind: 'webhooks-queued' })),
    // Corrections after relabels, in the same order and one at a time with the fan-out's jobs.
    also: [{ queue: RETELL_QUEUE, handler: retellJobHandler(store, hub) }],
  });
  nudgeNotify = () => notifier.nudge();
  pipeline.start();

  port.on('message', (message: ToThread) => {
    switch (message.kind) {
      case 'nudge':
        pipeline.nudge();
        notifier.nudge();
        return;
      case 'idle':
        void (async () => {
          // Twice round: a notification job can follow a batch that committed meanwhile.
          for (let i = 0; i < 2; i++) {
            await pipeline.idle();
            await notifier.idle();
          }
          post({ kind: 'idle', id: message.id });
        })();
        return;
      case 'stop':
        void (async () => {
          await pipeline.stop();
          await notifier.stop();
          await store.close();
          post({ kind: 'stopped' });
          port.close();
        })();
        return;
    }
  });
  post({ kind: 'ready' });
}
