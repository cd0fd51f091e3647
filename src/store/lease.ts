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
}

/** Waits for the lease `name`; undefined when `options.signal` aborted the wait. */
export type AcquireLease = (name: string, options: LeaseOptions) => Promise<Lease | undefined>;

/** The lease of a database one process owns (SQLite): held at once, lost never. */
export const soleLease: AcquireLease = async (_name, options) => {
  if (options.signal.aborted) return undefined;
  return { lost: new Promise<void>(() => {}), release: async () => {} };
};
