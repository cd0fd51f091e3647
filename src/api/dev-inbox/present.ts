import { envelopeRecipients } from '../../dev-inbox/index.js';
import type { DevInboxRow } from '../../store/index.js';
import { iso } from '../presenters/accounts.js';

/**
 * A whitelist: the blob key stays out. The envelope goes in (`mailFrom`, `rcpt`): the copies of
 * one message carry the same headers, and only RCPT TO tells whose copy each is (a Bcc's above
 * all, which no header names).
 */
export function presentDevInboxMail(row: DevInboxRow) {
  return {
    id: row.id,
    from: row.headerFrom,
    to: row.headerTo,
    subject: row.subject,
    receivedAt: iso(row.receivedAt),
    mailFrom: row.envelopeFrom,
    rcpt: envelopeRecipients(row.envelopeTo),
  };
}
