/**
 * "Tell me when you are idle", for a polling loop: a caller's wait ends at the first look, begun
 * after it asked, that found nothing to do. The loop counts its looks (`look()`) and reports
 * each empty one (`nothingFound(look)`); a wait registered during a look is not ended by it,
 * since that look may have started before the work the caller cares about was there.
 */
export class IdleSignal {
  #look = 0;
  #waiters: { look: number; resolve: () => void }[] = [];

  /** A wait for the next empty look. */
  wait(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ look: this.#look, resolve }));
  }

  /** A new look begins; returns its number. */
  look(): number {
    this.#look += 1;
    return this.#look;
  }

  /** Look number `look` found nothing to do: ends the waits registered before it began. */
  nothingFound(look: number): void {
    const ready = this.#waiters.filter((w) => w.look < look);
    if (ready.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.look >= look);
    for (const waiter of ready) waiter.resolve();
  }

  /** The loop stopped: every wait ends. */
  release(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }
}
