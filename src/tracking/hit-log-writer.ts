import type { FastifyBaseLogger } from 'fastify';
import type { HitLog, HitLogRow } from '../store/index.js';
import type { HitSpool } from './hit-spool.js';

export interface HitLogHooks {
  /** After a group commit (or a spool replay): the processing stage has work. */
  onCommitted?(hits: readonly HitLogRow[]): void;
  /** A group the database refused: `spooled` says whether the spool kept it. */
  onFailure?(hits: readonly HitLogRow[], spooled: boolean): void;
}

/**
 * The request path's one write: appends raw hits to the hit log with a group commit — every hit
 * that arrives while a commit runs goes into the next one, so many hits share one fsync — and
 * resolves each `append` once its hit is durable: committed, or fsynced to the spool when the
 * database fails. So an answered hit is never lost (DESIGN.md, "The hot path").
 */
export class HitLogWriter {
  readonly #append: HitLog['append'];
  readonly #spool: HitSpool;
  readonly #log: FastifyBaseLogger;
  readonly #hooks: HitLogHooks;
  #rows: HitLogRow[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    append: HitLog['append'],
    spool: HitSpool,
    log: FastifyBaseLogger,
    hooks: HitLogHooks,
  ) {
    this.#append = append;
    this.#spool = spool;
    this.#log = log;
    this.#hooks = hooks;
  }

  /** Resolves once the hit is durable; rejects only when neither the database nor the spool took it. */
  append(hit: HitLogRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#rows.push(hit);
      this.#waiters.push({ resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // The hits of this turn of the event loop go together.
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Waits until every hit appended so far is durable (or refused). */
  async idle(): Promise<void> {
    while (this.#scheduled || this.#inFlight.size > 0) {
      if (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Moves spooled hits into the hit log; they were answered already, so none may be lost. */
  async replaySpool(): Promise<number> {
    return this.#spool.drain(async (hits) => {
      await this.#append(hits);
      this.#hooks.onCommitted?.(hits);
    });
  }

  /**
   * Sends this turn's hits without waiting for the batches before them: the store commits
   * whatever waits together (the SQLite writer thread takes every queued batch into one
   * transaction), so a slow fsync delays answers but never request reading.
   */
  #flush(): void {
    this.#scheduled = false;
    const rows = this.#rows;
    const waiters = this.#waiters;
    this.#rows = [];
    this.#waiters = [];
    if (rows.length === 0) return;
    const done = this.#commit(rows, waiters).finally(() => this.#inFlight.delete(done));
    this.#inFlight.add(done);
  }

  async #commit(
    rows: HitLogRow[],
    waiters: { resolve: () => void; reject: (error: unknown) => void }[],
  ): Promise<void> {
    try {
      await this.#append(rows);
      for (const waiter of waiters) waiter.resolve();
      this.#hooks.onCommitted?.(rows);
    } catch (error) {
      this.#log.error({ err: error, hits: rows.length }, 'appending hits failed; spooling them');
      try {
        await this.#spool.append(rows);
        this.#hooks.onFailure?.(rows, true);
        for (const waiter of waiters) waiter.resolve();
      } catch (spoolError) {
        this.#log.error(
          { err: spoolError, hits: rows.length },
          'spooling hits failed: they are lost',
        );
        this.#hooks.onFailure?.(rows, false);
        for (const waiter of waiters) waiter.reject(spoolError);
      }
    }
  }
}
