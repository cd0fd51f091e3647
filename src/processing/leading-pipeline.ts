import type { FastifyBaseLogger } from 'fastify';
import type { HitPipeline, PipelineStatus } from '../pipeline/index.js';
import type { Lease, Store } from '../store/index.js';

/** The lease the processing stage runs under: one node consumes the hit log at a time. */
const LEASE = 'processing';
/** How often a node without the lease asks for it again, in ms: a takeover within ~2 s. */
export const DEFAULT_LEASE_RETRY_MS = 2000;
/** How often a node without the lease looks whether the leader has consumed the log, in ms. */
const FOLLOW_MS = 50;

export interface LeadingPipelineOptions {
  readonly store: Pick<Store, 'acquireLease' | 'hitLog'>;
  /** A new pipeline, each time this node takes the lease: its memory starts empty. */
  readonly pipeline: () => HitPipeline;
  readonly log: FastifyBaseLogger;
  /** How often to ask for the lease while another node holds it, in ms. */
  readonly leaseRetryMs?: number;
}

/**
 * The processing stage on a node that may share its database with others (DESIGN.md, several
 * nodes on PostgreSQL): the pipeline runs only while this node holds the processing lease, and
 * stops the moment the lease is lost — another node goes on from the committed position. A
 * pipeline is made afresh at each takeover, since the copies' histories it keeps in memory went
 * stale while another node processed. On SQLite the one process always holds the lease.
 */
export class LeadingPipeline {
  readonly #options: LeadingPipelineOptions;
  readonly #stopping = new AbortController();
  /** Resolves when stop() is called. */
  readonly #stopped = new Promise<void>((resolve) =>
    this.#stopping.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  #pipeline: HitPipeline | undefined;
  #running: Promise<void> | undefined;
  /** Hits and failures counted by the pipelines this node ran before the current one. */
  #before = { processed: 0, failures: 0 };

  constructor(options: LeadingPipelineOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running ??= this.#lead();
  }

  /** Hits were appended: the pipeline, if this node runs it, looks now. */
  nudge(): void {
    this.#pipeline?.nudge();
  }

  /** True while this node holds the lease and runs the pipeline. */
  get leading(): boolean {
    return this.#pipeline !== undefined;
  }

  status(): PipelineStatus {
    const current = this.#pipeline?.status();
    return {
      lagMs: current?.lagMs ?? 0,
      processed: this.#before.processed + (current?.processed ?? 0),
      failures: this.#before.failures + (current?.failures ?? 0),
    };
  }

  /**
   * Resolves once every hit appended before this call is processed: by this node's pipeline, or,
   * while another node leads, once the log holds nothing unconsumed.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#pipeline) return this.#pipeline.idle();
      if (this.#stopping.signal.aborted) return;
      if ((await this.#options.store.hitLog.pending()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
    }
  }

  /** Finishes the batch in hand, gives the lease up and stops. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  async #lead(): Promise<void> {
    const { store, log } = this.#options;
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      const lease = await store.acquireLease(LEASE, {
        retryMs: this.#options.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS,
        signal,
        onError: (error) => log.warn({ err: error }, 'asking for the processing lease failed'),
        onFence: (holder) =>
          log.warn(holder, 'the processing lease’s holder was frozen: its sessions were ended'),
      });
      if (!lease) return;
      await this.#runWhileHeld(lease);
    }
  }

  async #runWhileHeld(lease: Lease): Promise<void> {
    const pipeline = this.#options.pipeline();
    this.#pipeline = pipeline;
    pipeline.start();
    let lost = false;
    await Promise.race([lease.lost.then(() => (lost = true)), this.#stopped]);
    if (lost) this.#options.log.warn('the processing lease was lost; another node takes over');
    await pipeline.stop();
    const { processed, failures } = pipeline.status();
    this.#before = {
      processed: this.#before.processed + processed,
      failures: this.#before.failures + failures,
    };
    this.#pipeline = undefined;
    await lease.release();
  }
}
