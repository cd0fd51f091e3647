import type { Db } from './database.js';
import { withNotificationSequences } from './notification-sequence.js';
import type { NotificationRow } from './notifications.js';

/**
 * How notification changes reach the live streams of every node. Each transaction that writes
 * notifications takes its change sequences here; where several nodes share the database
 * (PostgreSQL) it also announces them at commit, and every node follows the announcements.
 */
export interface NotificationChanges {
  /**
   * Runs `work` in `trx` (an open transaction) with a source of change sequences, each after
   * every one committed (see withNotificationSequences); on PostgreSQL the sequences taken are
   * announced with NOTIFY, delivered to every node's follower when the transaction commits.
   * `now` (epoch ms, default the wall clock) is the sequences' time where it allows.
   */
  write<T>(trx: Db, work: (nextSequence: () => string) => Promise<T>, now?: number): Promise<T>;
  /**
   * Follows the changes every node commits, each once and in sequence order. Undefined where
   * one process owns the database (SQLite): its threads hand their changes to the hub directly.
   */
  readonly follow: ((options: FollowOptions) => NotificationFollower) | undefined;
}

export interface FollowOptions {
  /** The notifications as they are after each change, in sequence order. */
  readonly onChanges: (rows: NotificationRow[]) => void;
  /** A lost connection or a failed read; the follower reconnects and resumes by itself. */
  readonly onError?: (error: unknown) => void;
  /** The first wait before reconnecting, in ms (doubling up to 5 s; default 100). */
  readonly retryMs?: number;
}

export interface NotificationFollower {
  /** Resolves once the follower listens (it hears every change committed after this). */
  readonly ready: Promise<void>;
  /** The server process of the listening connection, if connected (tests end it). */
  backendPid(): number | undefined;
  stop(): Promise<void>;
}

/** One process owns the database: sequences only, nothing to announce or follow. */
export const localNotificationChanges: NotificationChanges = {
  write: async (trx, work, now = Date.now()) =>
    (await withNotificationSequences(trx, now, work)).result,
  follow: undefined,
};
