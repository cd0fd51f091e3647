import type { HitLogRow } from '../hit-log.js';

/** To the SQLite hit log's writer thread. */
export type WriterRequest =
  | { readonly kind: 'append'; readonly id: number; readonly rows: readonly HitLogRow[] }
  | { readonly kind: 'prune'; readonly id: number; readonly upTo: number }
  /** Removes hits older than `before` (epoch ms), consumed or not: the retention purge. */
  | { readonly kind: 'purge'; readonly id: number; readonly before: number }
  /** Removes the hits of these recipients, consumed or not: an erasure. */
  | { readonly kind: 'forget'; readonly id: number; readonly recipientIds: readonly string[] };

/** From it: per request, a count (hits appended or pruned) or the error's message. */
export interface WriterReply {
  readonly id: number;
  readonly result?: number;
  readonly error?: string;
}
