import type { DatabaseConfig, LogLevel, TrackingIpMode } from '../config.js';
import type { NotificationRow, PostgresOptions } from '../store/index.js';

/** What the processing thread is started with (structured-cloned into it). */
export interface ProcessingThreadData {
  readonly database: DatabaseConfig;
  readonly postgres: PostgresOptions | undefined;
  readonly logLevel: LogLevel;
  /** What the thread's logs may keep of an address (src/logger.ts); `anonymize` when unset. */
  readonly trackingIp: TrackingIpMode | undefined;
  /** How long clicks wait before they notify, in ms. */
  readonly clickSettleMs: number;
  /** Hits per processing batch (default 100). */
  readonly batchSize: number | undefined;
  readonly notifyLockMs: number | undefined;
  readonly notifyPollMs: number | undefined;
  /** How often to ask for the processing lease while another node holds it, in ms. */
  readonly leaseRetryMs: number | undefined;
  /** The cells both threads read and write: see CELL. */
  readonly cells: SharedArrayBuffer;
}

/**
 * Float64 cells shared by the two threads, read without a message: the clock's offset from real
 * time (the service's clock may be a test's, moved forward), and the figures /metrics shows.
 */
export const CELL = {
  /** service clock − Date.now(), in ms; written by the main thread. */
  clockOffsetMs: 0,
  /** `at` of the oldest hit not yet processed (epoch ms), NaN when caught up. */
  oldestPendingAt: 1,
  /** Hits processed since the thread started. */
  processed: 2,
  /** Batches that failed (and were retried). */
  failures: 3,
} as const;
export const CELL_COUNT = 4;

export type ToThread =
  /** Hits were appended: look now. */
  | { readonly kind: 'nudge' }
  /** Answer `idle` once everything handed over so far is processed and notified. */
  | { readonly kind: 'idle'; readonly id: number }
  /** Finish the work in hand, close, answer `stopped`. */
  | { readonly kind: 'stop' };

export type FromThread =
  | { readonly kind: 'ready' }
  /** Start-up failed; the thread exits. */
  | { readonly kind: 'failed'; readonly message: string }
  /** Notifications committed: to the live streams. */
  | { readonly kind: 'published'; readonly notifications: readonly NotificationRow[] }
  /** Webhook deliveries were queued. */
  | { readonly kind: 'webhooks-queued' }
  /** A batch committed: its events by type and label, for the metrics. */
  | { readonly kind: 'processed'; readonly events: readonly [string, string, number][] }
  /** Everything consumed up to `seq` is durable: the hit log may be pruned up to there. */
  | { readonly kind: 'durable'; readonly seq: number }
  | { readonly kind: 'idle'; readonly id: number }
  | { readonly kind: 'stopped' };
