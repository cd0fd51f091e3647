import type { NotificationRow } from '../store/index.js';

export type NotificationListener = (notification: NotificationRow) => void;

/**
 * Pushes notifications to the users' open clients. In-process here; an installation of several
 * nodes backs the same interface with PostgreSQL LISTEN/NOTIFY (one NOTIFY per batch).
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
