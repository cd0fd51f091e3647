import { Lru } from '../lru.js';
import type { NewEventRow } from '../store/index.js';
import type { PriorHit } from './classify/index.js';

/** Hits a copy's history keeps: a flood on one copy costs the same per hit as any other. */
export const MAX_KNOWN_HITS = 100;

/** One earlier hit of a copy, as the classifier sees it, and the event it became. */
export interface KnownHit {
  /** Its current label lives here too: a relabel changes it in place. */
  readonly prior: PriorHit;
  readonly eventId: string;
  /** The event row while its batch is being processed; undefined once committed. */
  pending?: NewEventRow;
}

/** What the processing stage keeps in memory about one recipient copy. */
export interface CopyHistory {
  /** The copy is addressed to a member of the sending workspace: every hit on it is `self`. */
  readonly member: boolean;
  /** The copy's recorded hits (inferred opens left out), oldest first, at most MAX_KNOWN_HITS. */
  readonly known: KnownHit[];
}

/**
 * Each copy's recent history, kept between batches so that a hit costs no query for the hits
 * before it; loaded from the events on a miss. Bounded: the least recently used copies go first.
 */
export class CopyHistories {
  readonly #entries: Lru<string, CopyHistory>;

  /** `max`: copies kept at most (a copy's history is at most MAX_KNOWN_HITS small records). */
  constructor(max: number) {
    this.#entries = new Lru(max);
  }

  get(recipientId: string): CopyHistory | undefined {
    return this.#entries.get(recipientId);
  }

  set(recipientId: string, history: CopyHistory): void {
    this.#entries.set(recipientId, history);
  }

  /** Forgets copies whose in-memory state may differ from the database (a batch rolled back). */
  forget(recipientIds: Iterable<string>): void {
    for (const id of recipientIds) this.#entries.delete(id);
  }

  /** After a commit: the batch's rows are settled, and each history is cut to its bound. */
  settle(recipientIds: Iterable<string>): void {
    for (const id of recipientIds) {
      const history = this.#entries.peek(id);
      if (!history) continue;
      for (const known of history.known) known.pending = undefined;
      if (history.known.length > MAX_KNOWN_HITS) {
        history.known.splice(0, history.known.length - MAX_KNOWN_HITS);
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
