import { performance } from 'node:perf_hooks';

/**
 * Keeps background work (processing hits, fanning out notifications) to a share of the event
 * loop while requests keep it busy. One pacer serves all the background work of a process: each
 * piece reports its time, and the loop's load is measured without it, so that requests — tracking hits first of all — are read and
 * answered at full speed during a flood, and the work waits, durable, until it ebbs.
 */
export class BackgroundPacer {
  readonly #busyShare: number;
  #utilization = performance.eventLoopUtilization();
  /** Pauses queue up on one timeline: two pieces of work never rest at the same time. */
  #restUntil = 0;

  /** `busyShare`: the share of a saturated loop the work may take (0 < share ≤ 1). */
  constructor(busyShare = 0.25) {
    this.#busyShare = busyShare;
  }

  /**
   * After a piece of work that took `spentMs`: a turn of the event loop for the requests that
   * came in meanwhile, and, when the loop was saturated since the last call (over 90 % busy)
   * with requests among what kept it busy (over 10 % without this work's own time: a backlog
   * alone must not slow itself down), a pause long enough to keep the work to its share.
   */
  async yield(spentMs: number): Promise<void> {
    const recent = performance.eventLoopUtilization(this.#utilization);
    this.#utilization = performance.eventLoopUtilization();
    const elapsed = recent.active + recent.idle;
    const others = elapsed > 0 ? Math.max(0, recent.active - spentMs) / elapsed : 0;
    if (recent.utilization > 0.9 && others > 0.1 && this.#busyShare < 1) {
      const now = performance.now();
      this.#restUntil =
        Math.max(this.#restUntil, now) + (spentMs * (1 - this.#busyShare)) / this.#busyShare;
      await new Promise((resolve) => setTimeout(resolve, this.#restUntil - now));
    } else {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
