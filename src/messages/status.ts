import type { Db, MessageStatus } from '../store/index.js';
import { listRecipients, setMessageStatus, touchMessage } from '../store/index.js';

/**
 * The message's status from its recipients' deliveries: `sending` while any is still on its
 * way, then `sent` (all delivered), `failed` (none) or `partially_failed`. Call it in the
 * transaction that settled a copy: it writes the message row first, which locks it on every
 * engine, so two copies settling at once cannot leave a status read before the other's commit.
 */
export async function refreshMessageStatus(db: Db, messageId: string): Promise<MessageStatus> {
  await touchMessage(db, messageId);
  const deliveries = (await listRecipients(db, messageId)).map((r) => r.delivery);
  const pending = deliveries.some((d) => d === 'queued' || d === 'sending' || d === 'deferred');
  const sent = deliveries.filter((d) => d === 'sent').length;
  const status: MessageStatus = pending
    ? 'sending'
    : sent === deliveries.length
      ? 'sent'
      : sent === 0
        ? 'failed'
        : 'partially_failed';
  await setMessageStatus(db, messageId, status);
  return status;
}
