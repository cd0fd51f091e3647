import type { DevInboxRow } from '../../store/index.js';
import { iso } from '../presenters/accounts.js';

/** A whitelist: the envelope and the blob key stay out of the listing. */
export function presentDevInboxMail(row: DevInboxRow) {
  return {
    id: row.id,
    from: row.headerFrom,
    to: row.headerTo,
    subject: row.subject,
    receivedAt: iso(row.receivedAt),
  };
}
