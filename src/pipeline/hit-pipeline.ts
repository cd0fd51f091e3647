import type { FastifyBaseLogger } from 'fastify';
import { IdleSignal } from '../jobs/index.js';
import {
  type Db,
  type LoggedHit,
  lastSeqOf,
  type NewEventRow,
  type Store,
} from '../store/index.js';
import type { ClassifierLists } from './classify/index.js';
import { CopyHistories } from './copy-histories.js';
import { type InternalNetworks, internalNetworks } from './internal-networks.js';
import { processBatch } from './process-batch.js';

/**
 * Hits per batch when a backlog waits. Each batch's events land on index pages scattered over
 * the table (by message, by recipient), and every page a commit touched is written again; more
 * hits per commit share more pages. Measured at 5,000 hits/s on SQLite, twice each in one
 * session: lag p99 1.4 s and 0.63 s with 100, 0.39 s and 0.51 s with 500.
 */
export const DEFAULT_BATCH_SIZE = 500;

export interface PipelineOptions {
  readonly store: Pick<Store, 'db' | 'derivedTransaction' | 'hitLog'>;
  readonly lists: ClassifierLists;
  readonly log: FastifyBaseLogger;
  /**
   * Most hits per transaction (default DEFAULT_BATCH_SIZE). A batch is only this full when hits
   * wait in the log: caught up, a batch is what arrived while the last one committed.
   */
  readonly batchSize?: number;
  /**
   * How long a batch that is not full waits for more hits before it is processed, in ms
   * (default 10): a trickle of hits then shares one transaction and one notification job instead
   * of paying for each alone (group commit on the consuming side).
   */
  readonly gatherMs?: number;
  /** How often the log is looked at when nobody nudges, in ms (default 200). */
  readonly pollMs?: number;
  /** How long to wait after a failed batch before trying it again, in ms (default 1000). */
  readonly retryMs?: number;
  /** Copies whose history is kept in memory (default 20,000). */
  readonly historyCopies?: number;
  /** The clock, epoch ms (tests inject one). */
  readonly now?: () => number;
  /**
   * Work that must commit with a batch's events (the fan-out's jobs, the corrections of what
   * was told about stored events it relabelled, by id).
   */
  readonly inTransaction?: (
    db: Db,
    events: readonly NewEventRow[],
    relabelled: readonly string[],
  ) => Promise<void>;
  /**
   * How often a batch commits durably, carrying every earlier one to the disk with it, in ms
   * (default 1000); the others commit without waiting for the disk.
   */
  readonly durableEveryMs?: number;
  /** After a durable batch: the hit log may be pruned up to `seq`. */
  readonly onDurable?: (seq: number) => void;
  /** Whenever the status changes: a batch committed or failed, or the log was found empty. */
  readonly onStatus?: (status: PipelineStatus) => void;
  /** After each committed batch, with the events it wrote and the hits it consumed. */
  readonly onCommitted?: (events: readonly NewEventRow[], hits: readonly LoggedHit[]) => void;
}

export interface PipelineStatus {
  /** Age of the oldest hit not yet processed, in ms (0 when caught up). */
  readonly lagMs: number;
  /** Hits processed since start. */
  readonly processed: number;
  /** Batches that failed (and were retried) since start. */
  readonly failures: number;
}

/**
 * The processing stage: the hit log's one consumer. It reads the log in order, a batch at a
 * time, and commits each batch's events, counters and jobs together with the removal of its hits
 * (processBatch), so nothing acknowledged is lost and nothing counts twice, whatever stops it.
 *
 * It runs in the processing thread (src/processing), beside the event loop that reads
 * requests, never on it: a backlog delays processing, never the answers to hits
 * (docs/decisions.md, "The processing stage's thread").
 */
export class HitPipeline {
  readonly #options: PipelineOptions;
  readonly #histories: CopyHistories;
  readonly #internal: InternalNetworks;
  readonly #now: () => number;
  #stopped = false;
  #looping: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #nudged = false;
  readonly #idleness = new IdleSignal();
  #oldestPendingAt: number | null = null;
  #processed = 0;
  #failures = 0;
  #lastDurableAt = 0;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#histories = new CopyHistories(options.historyCopies ?? 20_000);
    this.#internal = internalNetworks(options.log, this.#now);
  }

  start(): void {
    this.#looping ??= this.#loop();
  }

  /** Hits were appended: look now rather than at the next poll. */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /** Resolves once every hit committed to the log before this call has been processed. */
  idle(): Promise<void> {
    const idle = this.#idleness.wait();
    this.nudge();
    return idle;
  }

  status(): PipelineStatus {
    const oldest = this.#oldestPendingAt;
    return {
      lagMs: oldest === null ? 0 : Math.max(0, this.#now() - oldest),
      processed: this.#processed,
      failures: this.#failures,
    };
  }

  /** Finishes the batch in hand and stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#looping;
    this.#internal.close();
    this.#idleness.release();
  }

  async #loop(): Promise<void> {
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH_SIZE;
    const gatherMs = this.#options.gatherMs ?? 10;
    let gathered = false;
    while (!this.#stopped) {
      const look = this.#idleness.look();
      this.#nudged = false;
      let hits: LoggedHit[];
      try {
        hits = await this.#options.store.hitLog.read(batchSize);
      } catch (error) {
        this.#options.log.error({ err: error }, 'reading the hit log failed; will retry');
        await this.#pause(this.#options.retryMs ?? 1000);
        continue;
      }
      if (hits.length === 0) {
        if (this.#oldestPendingAt !== null) {
          this.#oldestPendingAt = null;
          this.#options.onStatus?.(this.status());
        }
        this.#idleness.nothingFound(look);
        if (!this.#nudged) await this.#pause(this.#options.pollMs ?? 200);
        continue;
      }
      this.#oldestPendingAt = hits[0]!.at;
      if (hits.length < batchSize && !gathered && gatherMs > 0) {
        // Real time: this is about the cost of a transaction, not the service's clock.
        gathered = true;
        await new Promise((resolve) => setTimeout(resolve, gatherMs));
        continue;
      }
      gathered = false;
      const done = await this.#process(hits);
      if (done) this.#processed += hits.length;
      this.#options.onStatus?.(this.status());
      if (!done) await this.#pause(this.#options.retryMs ?? 1000);
    }
  }

  async #process(hits: LoggedHit[]): Promise<boolean> {
    const touched = new Set<string>();
    const { store, lists, inTransaction, onCommitted, log } = this.#options;
    const durable = Date.now() - this.#lastDurableAt >= (this.#options.durableEveryMs ?? 1000);
    try {
      const written = await store.derivedTransaction(
        (trx) =>
          processBatch(
            trx,
            hits,
            {
              log: store.hitLog,
              lists,
              histories: this.#histories,
              internal: this.#internal,
              inTransaction,
            },
            touched,
          ),
        durable,
      );
      store.hitLog.consumed(hits);
      this.#histories.settle(touched);
      onCommitted?.(written, hits);
      if (durable) {
        // Real time, not the service's clock: this is about the disk.
        this.#lastDurableAt = Date.now();
        this.#options.onDurable?.(lastSeqOf(hits));
      }
      return true;
    } catch (error) {
      // What this batch did to the histories in memory was rolled back in the database.
      this.#histories.forget(touched);
      this.#failures += 1;
      log.error({ err: error, hits: hits.length }, 'processing hits failed; will retry');
      return false;
    }
  }

  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
