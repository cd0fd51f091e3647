import type { Insertable, Selectable } from 'kysely';

export interface FollowerTable {
  messageId: string;
  userId: string;
  workspaceId: string;
  /** The follower's own switch: muted, they get no notifications for this message. */
  muted: number;
  createdAt: number;
}
export type FollowerRow = Selectable<FollowerTable>;

/** A notification: a chat line for one user about one event (or a fold of its repeats). */
export interface NotificationTable {
  id: string;
  workspaceId: string;
  userId: string;
  messageId: string | null;
  eventId: string | null;
  type: string;
  text: string;
  at: number;
  /** How many events this line stands for (repeats within a minute fold into one). */
  count: number;
  /** Recipient, action and link/file: what repeats must share to fold. */
  foldKey: string | null;
  read: number;
  /** Time-ordered id of the last change: the live stream's resume point. */
  seq: string;
}
export type NotificationRow = Selectable<NotificationTable>;
export type NewNotificationRow = Insertable<NotificationTable>;
