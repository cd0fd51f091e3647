/**
 * A Map bounded to its `max` most recently used entries: reading an entry (`get`) or writing it
 * makes it the newest; past `max`, the oldest goes. Every bounded cache in memory is one (the
 * tracking directory, senders' sessions, copy histories, parsed user agents, network answers,
 * prepared statements, the dev inbox's opened mails), so none grows with the traffic. A Map keeps insertion order, so the oldest is the first key.
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #max: number;

  /** `max`: entries kept at most (at least 1). */
  constructor(max: number) {
    this.#max = Math.max(1, max);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry, made the newest; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /**
   * The entry without making it the newest: a plain lookup, for memos read on a hot loop (the
   * classifier's network and agent answers), which then evict the oldest written first.
   */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Sets the entry as the newest; drops the oldest past `max`. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }
}
