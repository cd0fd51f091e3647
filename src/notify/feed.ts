import { fail } from '../errors.js';
import {
  countUnread,
  type Db,
  listNotifications,
  listNotificationsChangedAfter,
  markOneRead,
  markReadUpTo,
  type NotificationFilter,
  type NotificationRow,
} from '../store/index.js';

export interface NotificationPage {
  readonly notifications: NotificationRow[];
  readonly cursor: string | null;
  readonly unread: number;
}

/**
 * The user's notifications, newest first, a page at a time, narrowed by `filter`, with the
 * count of all their unread ones (whatever the filter: the bell's number).
 */
export async function notificationPage(
  db: Db,
  userId: string,
  page: { after?: string; limit: number; filter?: NotificationFilter },
): Promise<NotificationPage> {
  const rows = await listNotifications(db, userId, {
    limit: page.limit + 1,
    before: page.after,
    filter: page.filter,
  });
  const notifications = rows.slice(0, page.limit);
  return {
    notifications,
    cursor: rows.length > page.limit ? (notifications.at(-1)?.id ?? null) : null,
    unread: await countUnread(db, userId),
  };
}

export async function markRead(db: Db, userId: string, upTo: string): Promise<number> {
  await markReadUpTo(db, userId, upTo);
  return countUnread(db, userId);
}

/**
 * Marks one of the user's notifications read and gives their unread count; MB_ERR_NOT_FOUND
 * (404) for one that is not theirs, or not listed (retracted).
 */
export async function markOneNotificationRead(db: Db, userId: string, id: string): Promise<number> {
  if (!(await markOneRead(db, userId, id))) fail('MB_ERR_NOT_FOUND', 'No such notification');
  return countUnread(db, userId);
}

/** Every change after `seq`, oldest first: what a live client that dropped has missed. */
export async function changesAfter(
  db: Db,
  userId: string,
  seq: string,
): Promise<NotificationRow[]> {
  const all: NotificationRow[] = [];
  let from = seq;
  for (;;) {
    const batch = await listNotificationsChangedAfter(db, userId, from, 500);
    all.push(...batch);
    if (batch.length < 500) return all;
    from = batch.at(-1)!.seq;
  }
}
