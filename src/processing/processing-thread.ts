import type { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseConfig, LogLevel, TrackingIpMode } from '../config.js';
import type { PipelineStatus } from '../pipeline/index.js';
import type { HitLog, NotificationRow, PostgresOptions } from '../store/index.js';
import { startThread } from '../threads/index.js';
import {
  CELL,
  CELL_COUNT,
  type FromThread,
  type ProcessingThreadData,
  type ToThread,
} from './protocol.js';

export interface ProcessingThreadOptions {
  readonly database: DatabaseConfig;
  readonly postgres?: PostgresOptions;
  readonly logLevel: LogLevel;
  /** TRACKING_IP, for the thread's own logger; `anonymize` when unset. */
  readonly trackingIp?: TrackingIpMode;
  readonly log: FastifyBaseLogger;
  /** The service's clock, epoch ms; the thread follows it (tests move it forward). */
  readonly clock: () => number;
  /** How long clicks wait before they notify, in ms. */
  readonly clickSettleMs: number;
  readonly batchSize?: number;
  readonly notifyLockMs?: number;
  readonly notifyPollMs?: number;
  /**
   * How often to ask for the processing lease while another node holds it, in ms (default
   * DEFAULT_LEASE_RETRY_MS): how soon a node takes over from one that died.
   */
  readonly leaseRetryMs?: number;
  /** Wait before a thread that died is started again, in ms (default RESTART_MS). */
  readonly restartMs?: number;
  /** The hit log's writing side: pruned here of what the thread consumed durably. */
  readonly hitLog: Pick<HitLog, 'prune'>;
  /** Notifications the thread committed, for the live streams. */
  readonly onPublished: (notifications: readonly NotificationRow[]) => void;
  /** The thread queued webhook deliveries. */
  readonly onWebhooksQueued: () => void;
  /** A batch committed, with its events counted by type and label. */
  readonly onProcessed: (events: readonly [string, string, number][]) => void;
}

/** What the processing thread reports: the processing stage's status, read across threads. */
export type ProcessingStatus = PipelineStatus;

/** How often consumed hits are pruned from the log at most, in ms. */
const PRUNE_EVERY_MS = 1000;
/** How often the shared clock is brought up to the service's when nothing else does, in ms. */
const CLOCK_EVERY_MS = 100;
/** How long a stopping thread may take to finish its batch before it is terminated, in ms. */
const STOP_GRACE_MS = 30_000;
/** Wait before a thread that died is started again, in ms. */
const RESTART_MS = 1000;

/**
 * The processing stage and the notification fan-out in a worker_thread with its own database
 * connection (src/processing/thread.ts), so that neither ever stalls the event loop that reads
 * requests (docs/decisions.md, "The processing stage's thread"). This side nudges it when hits
 * are appended, relays what it commits to the live streams and the metrics, prunes the hit log
 * of what it consumed, and restarts it should it die.
 */
export class ProcessingThread {
  readonly #options: ProcessingThreadOptions;
  readonly #cells = new Float64Array(new SharedArrayBuffer(CELL_COUNT * 8));
  #worker: Worker | undefined;
  #stopping = false;
  #nextIdleId = 0;
  readonly #idleWaiters = new Map<number, () => void>();
  #pruneTimer: NodeJS.Timeout | undefined;
  #clockTimer: NodeJS.Timeout | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopped: (() => void) | undefined;
  /** The last hit-log seq whose consumption the thread reported durable. */
  #durableSeq = 0;

  private constructor(options: ProcessingThreadOptions) {
    this.#options = options;
    this.#cells[CELL.oldestPendingAt] = Number.NaN;
  }

  /** Starts the thread; resolves once it has opened its connection, rejects if it cannot. */
  static async start(options: ProcessingThreadOptions): Promise<ProcessingThread> {
    const thread = new ProcessingThread(options);
    thread.#syncClock();
    thread.#clockTimer = setInterval(() => thread.#syncClock(), CLOCK_EVERY_MS);
    thread.#clockTimer.unref();
    try {
      await thread.#spawn();
    } catch (error) {
      clearInterval(thread.#clockTimer);
      throw error;
    }
    return thread;
  }

  /** Hits were appended: the thread looks now rather than at its next poll. */
  nudge(): void {
    this.#send({ kind: 'nudge' });
  }

  /**
   * Resolves once every hit appended before this call is processed and no notification is due
   * or running (jobs due later, a settle window, do not count).
   */
  idle(): Promise<void> {
    // A thread being restarted is asked once it is back (see #spawn).
    if (this.#stopping) return Promise.resolve();
    this.#syncClock();
    const id = this.#nextIdleId++;
    return new Promise<void>((resolve) => {
      this.#idleWaiters.set(id, resolve);
      this.#send({ kind: 'idle', id });
    });
  }

  status(): ProcessingStatus {
    const oldest = this.#cells[CELL.oldestPendingAt]!;
    return {
      lagMs: Number.isNaN(oldest) ? 0 : Math.max(0, this.#options.clock() - oldest),
      processed: this.#cells[CELL.processed]!,
      failures: this.#cells[CELL.failures]!,
    };
  }

  /**
   * Ends the thread at once, as a crash would: the batch in hand rolls back, and a new thread is
   * started after `restartMs` and goes on from the committed position. The service never calls
   * it; it is how the restart is tested (test/integration/processing/restart.test.ts).
   */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }

  /** Lets the thread finish the batch in hand, then ends it. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#clockTimer);
    clearTimeout(this.#restartTimer);
    const worker = this.#worker;
    if (worker) {
      const stopped = new Promise<void>((resolve) => {
        this.#stopped = resolve;
        worker.once('exit', () => resolve());
      });
      this.#send({ kind: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await stopped;
      clearTimeout(timer);
      await worker.terminate();
    }
    clearTimeout(this.#pruneTimer);
    this.#pruneTimer = undefined;
    await this.#prune();
    for (const resolve of this.#idleWaiters.values()) resolve();
    this.#idleWaiters.clear();
  }

  #spawn(): Promise<void> {
    const options = this.#options;
    const data: ProcessingThreadData = {
      database: options.database,
      postgres: options.postgres,
      logLevel: options.logLevel,
      trackingIp: options.trackingIp,
      clickSettleMs: options.clickSettleMs,
      batchSize: options.batchSize,
      notifyLockMs: options.notifyLockMs,
      notifyPollMs: options.notifyPollMs,
      leaseRetryMs: options.leaseRetryMs,
      cells: this.#cells.buffer as SharedArrayBuffer,
    };
    const worker = startThread(import.meta.url, 'thread', {
      workerData: data,
      name: 'mailbeacon-processing',
    });
    this.#worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromThread) => {
        switch (message.kind) {
          case 'ready':
            ready = true;
            resolve();
            return;
          case 'failed':
            if (!ready) reject(new Error(`the processing thread failed: ${message.message}`));
            return;
          case 'published':
            options.onPublished(message.notifications);
            return;
          case 'webhooks-queued':
            options.onWebhooksQueued();
            return;
          case 'processed':
            options.onProcessed(message.events);
            return;
          case 'durable':
            this.#durableSeq = Math.max(this.#durableSeq, message.seq);
            this.#schedulePrune();
            return;
          case 'idle':
            this.#idleWaiters.get(message.id)?.();
            this.#idleWaiters.delete(message.id);
            return;
          case 'stopped':
            this.#stopped?.();
            return;
        }
      });
      worker.on('error', (error) => {
        options.log.error({ err: error }, 'the processing thread failed');
        if (!ready) reject(error);
      });
      worker.on('exit', (code) => {
        if (this.#worker === worker) this.#worker = undefined;
        if (!ready) {
          reject(new Error(`the processing thread exited with code ${code} before it was ready`));
          return;
        }
        if (this.#stopping) return;
        // Nothing is lost: the hits wait in the log and the jobs in their table.
        options.log.error({ code }, 'the processing thread stopped; starting it again');
        this.#restartTimer = setTimeout(() => {
          this.#spawn().then(
            () => {
              // Whoever waited for the dead thread asks the new one.
              for (const id of this.#idleWaiters.keys()) this.#send({ kind: 'idle', id });
            },
            (error: unknown) =>
              options.log.error({ err: error }, 'the processing thread could not restart'),
          );
        }, options.restartMs ?? RESTART_MS);
      });
    });
  }

  #send(message: ToThread): void {
    this.#worker?.postMessage(message);
  }

  #syncClock(): void {
    this.#cells[CELL.clockOffsetMs] = this.#options.clock() - Date.now();
  }

  #schedulePrune(): void {
    if (this.#pruneTimer) return;
    this.#pruneTimer = setTimeout(() => {
      this.#pruneTimer = undefined;
      void this.#prune();
    }, PRUNE_EVERY_MS);
    this.#pruneTimer.unref();
  }

  async #prune(): Promise<void> {
    try {
      if (this.#durableSeq > 0) await this.#options.hitLog.prune(this.#durableSeq);
    } catch (error) {
      this.#options.log.warn({ err: error }, 'pruning the hit log failed; will retry');
    }
  }
}
