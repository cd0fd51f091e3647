import type { FastifyBaseLogger } from 'fastify';
import type { HitLog, HitLogRow } from '../store/index.js';
import type { CopyResolver, HitSpool, UnresolvedHit } from './hit-spool.js';

export interface HitLogHooks {
  /** After a group commit (or a spool replay): the processing stage has work. */
  onCommitted?(hits: readonly HitLogRow[]): void;
  /** A group the database refused (or could not resolve): `spooled` says whether the spool kept it. */
  onFailure?(hits: readonly Pick<HitLogRow, 'type'>[], spooled: boolean): void;
}

/**
 * The request path's one write: appends raw hits to the hit log with a group commit — every hit
 * that arrives while a commit runs goes into the next one, so many hits share one fsync — and
 * resolves each `append` once its hit is durable: committed, or fsynced to the spool when the
 * database fails. So an answered hit is never lost (DESIGN.md, "The hot path").
 */
export class HitLogWriter {
  readonly #log: Pick<HitLog, 'append' | 'appendsAtOnce'>;
  readonly #spool: HitSpool;
  readonly #logger: FastifyBaseLogger;
  readonly #hooks: HitLogHooks;
  readonly #resolveCopy: CopyResolver;
  #rows: HitLogRow[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    log: Pick<HitLog, 'append' | 'appendsAtOnce'>,
    spool: HitSpool,
    logger: FastifyBaseLogger,
    hooks: HitLogHooks,
    resolveCopy: CopyResolver,
  ) {
    this.#log = log;
    this.#spool = spool;
    this.#resolveCopy = resolveCopy;
    this.#logger = logger;
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

  /**
   * Keeps a hit whose copy could not be looked up (the database away, the copy not in memory)
   * in the spool, fsynced, to be completed and moved into the log on replay. Resolves once
   * durable; rejects when the spool cannot take it.
   */
  async appendUnresolved(hit: UnresolvedHit): Promise<void> {
    try {
      await this.#spool.append([hit]);
      this.#hooks.onFailure?.([hit], true);
    } catch (error) {
      this.#logger.error({ err: error }, 'spooling a hit failed: it is lost');
      this.#hooks.onFailure?.([hit], false);
      throw error;
    }
  }

  /** Moves spooled hits into the hit log; they were answered already, so none may be lost. */
  async replaySpool(): Promise<number> {
    return this.#spool.drain(async (hits) => {
      await this.#log.append(hits);
      this.#hooks.onCommitted?.(hits);
    }, this.#resolveCopy);
  }

  /**
   * Sends the hits gathered so far, unless as many appends as the log commits at once are in
   * flight: then they wait for the first of those to finish and go together (on SQLite, whose
   * one writer commits one transaction at a time, every hit that arrives during a commit goes
   * into the next, with one message to the writer rather than one per turn of the event loop).
   * A slow fsync delays answers but never request reading.
   */
  #flush(): void {
    this.#scheduled = false;
    if (this.#rows.length === 0 || this.#inFlight.size >= this.#log.appendsAtOnce) return;
    const rows = this.#rows;
    const waiters = this.#waiters;
    this.#rows = [];
    this.#waiters = [];
    const done = this.#commit(rows, waiters).finally(() => {
      this.#inFlight.delete(done);
      this.#flush();
    });
    this.#inFlight.add(done);
  }

  async #commit(
    rows: HitLogRow[],
    waiters: { resolve: () => void; reject: (error: unknown) => void }[],
  ): Promise<void> {
    try {
      await this.#log.append(rows);
      for (const waiter of waiters) waiter.resolve();
      this.#hooks.onCommitted?.(rows);
    } catch (error) {
      this.#logger.error({ err: error, hits: rows.length }, 'appending hits failed; spooling them');
      try {
        await this.#spool.append(rows);
        this.#hooks.onFailure?.(rows, true);
        for (const waiter of waiters) waiter.resolve();
      } catch (spoolError) {
        this.#logger.error(
          { err: spoolError, hits: rows.length },
          'spooling hits failed: they are lost',
        );
        this.#hooks.onFailure?.(rows, false);
        for (const waiter of waiters) waiter.reject(spoolError);
      }
    }
  }
}
