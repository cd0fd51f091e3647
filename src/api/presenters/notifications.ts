import type { Language } from '../../i18n/index.js';
import { lineText, parseFact } from '../../notify/index.js';
import type { NotificationRow } from '../../store/index.js';
import { iso } from './accounts.js';

/**
 * A notification for one reader: its facts (`fact: {kind, data}`), and `text`, those facts
 * worded in `language` (the reader's profile language, read with the request or the stream's
 * line).
 */
export function presentNotification(row: NotificationRow, language: Language) {
  const fact = parseFact(row.fact);
  return {
    id: row.id,
    at: iso(row.at),
    messageId: row.messageId,
    eventId: row.eventId,
    type: row.type,
    // A notification stands away from its message: it names it.
    text: lineText(fact, language, { namesMessage: true }),
    fact,
    read: row.read === 1,
    count: row.count,
    classification: row.classification,
  };
}
