import type { NotificationRow } from '../store/index.js';

export type NotificationListener = (notification: NotificationRow) => void;

/**
 * Pushes notifications to the users' open live streams, in process: the processing thread hands
 * what it committed to the main thread, which publishes it here to the streams this node serves.
 * Nothing crosses nodes (there is no PostgreSQL LISTEN/NOTIFY behind it): with several nodes, a
 * stream hears live only what its own node processed.
 */
export interface LiveHub {
  publish(notifications: readonly NotificationRow[]): void;
  subscribe(userId: string, listener: NotificationListener): () => void;
}

export function inProcessHub(): LiveHub {
  const listeners = new Map<string, Set<NotificationListener>>();
  return {
    publish(notifications) {
      for (const notification of notifications) {
        for (const listener of listeners.get(notification.userId) ?? []) listener(notification);
      }
    },
    subscribe(userId, listener) {
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
