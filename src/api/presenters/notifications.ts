import type { NotificationRow } from '../../store/index.js';
import { iso } from './accounts.js';

export function presentNotification(row: NotificationRow) {
  return {
    id: row.id,
    at: iso(row.at),
    messageId: row.messageId,
    eventId: row.eventId,
    type: row.type,
    text: row.text,
    read: row.read === 1,
    count: row.count,
  };
}
