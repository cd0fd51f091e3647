import type { Logger } from 'pino';
import type { NotificationRow, Store } from '../store/index.js';

export type NotificationListener = (notification: NotificationRow) => void;

/** Pushes notification changes to the users' open live streams on this node. */
export interface LiveHub {
  /**
   * Changes this process committed. Where nodes share the database they arrive through the
   * database's announcements instead (with every other node's), and this does nothing.
   */
  publish(notifications: readonly NotificationRow[]): void;
  subscribe(userId: string, listener: NotificationListener): () => void;
}

export interface RunningHub extends LiveHub {
  stop(): Promise<void>;
}

/** Listeners by user: what both kinds of hub deliver to. */
function listenersByUser() {
  const listeners = new Map<string, Set<NotificationListener>>();
  return {
    deliver(notifications: readonly NotificationRow[]) {
      for (const notification of notifications) {
        for (const listener of listeners.get(notification.userId) ?? []) listener(notification);
      }
    },
    subscribe(userId: string, listener: NotificationListener) {
      const set = listeners.get(userId) ?? new Set();
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
  };
}

/**
 * The hub of one process that owns its database (SQLite): the processing thread hands the main
 * thread what it committed, which publishes it here.
 */
export function inProcessHub(): RunningHub {
  const { deliver, subscribe } = listenersByUser();
  return { publish: deliver, subscribe, stop: async () => {} };
}

/**
 * The hub for `store`: in process on SQLite; on PostgreSQL it follows the changes every node
 * commits (LISTEN/NOTIFY, store.notificationChanges), its own included, so a hit processed by
 * any node reaches a stream on any other. Resolves once it listens.
 */
export async function startLiveHub(
  store: Pick<Store, 'notificationChanges'>,
  log: Logger,
): Promise<RunningHub> {
  const follow = store.notificationChanges.follow;
  if (!follow) return inProcessHub();
  const { deliver, subscribe } = listenersByUser();
  const follower = follow({
    onChanges: deliver,
    onError: (error) => log.warn({ err: error }, 'following notification changes failed; resuming'),
  });
  await follower.ready;
  return { publish: () => {}, subscribe, stop: () => follower.stop() };
}
