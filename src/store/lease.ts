/**
 * A lease: the right, held by one node at a time, to do a piece of work that must not run twice
 * at once (the processing stage: the hit log's one consumer).
 */
export interface Lease {
  /** Resolves when this node no longer holds the lease (its connection ended or failed). */
  readonly lost: Promise<void>;
  /** Gives the lease up; another node may take it at once. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** How often a node that does not hold the lease asks again, in ms. */
  readonly retryMs: number;
  /** Stops waiting: `acquireLease` then resolves with undefined. */
  readonly signal: AbortSignal;
  /** Told each time an attempt fails for a reason other than another holder (a lost connection). */
  readonly onError?: (error: unknown) => void;
  /**
   * How often the holder shows it is alive, in ms (default LEASE_HEARTBEAT_MS). Where a holder
   * can freeze without its connection ending (PostgreSQL), a holder silent for `staleMs` is
   * fenced off: its sessions are ended, which frees the lease.
   */
  readonly heartbeatMs?: number;
  /** A holder silent this long is taken for frozen, in ms (default LEASE_STALE_MS). */
  readonly staleMs?: number;
  /** Told when a frozen holder was fenced off (its sessions ended) so this node may take over. */
  readonly onFence?: (holder: FencedHolder) => void;
}

/** A lease holder found frozen and fenced off. */
export interface FencedHolder {
  /** Its node, as its connections name themselves (`application_name` on PostgreSQL). */
  readonly node: string;
  /** How long its lease session had been silent, in ms. */
  readonly silentMs: number;
  /** How many of its sessions were ended (the lease's and any others of that node). */
  readonly sessionsEnded: number;
}

/** The holder's heartbeat, in ms. */
export const LEASE_HEARTBEAT_MS = 2_000;
/**
 * Silence after which a holder counts as frozen, in ms: three heartbeats missed. With others
 * asking every 2 s, a frozen holder is replaced within about 8 s (issue 12: within 10 s).
 */
export const LEASE_STALE_MS = 6_000;

/** Waits for the lease `name`; undefined when `options.signal` aborted the wait. */
export type AcquireLease = (name: string, options: LeaseOptions) => Promise<Lease | undefined>;

/** The lease of a database one process owns (SQLite): held at once, lost never. */
export const soleLease: AcquireLease = async (_name, options) => {
  if (options.signal.aborted) return undefined;
  return { lost: new Promise<void>(() => {}), release: async () => {} };
};
