import { Type } from 'typebox';
import { defineQueue } from '../jobs/index.js';

/**
 * Putting the team's copy of a sent message into the shared mailbox's Sent folder (src/mailbox
 * runs it): queued with the message's send jobs, in the same transaction, when the workspace has
 * a mailbox. A mailbox that is down delays this job only, never the sending.
 */
export const SENT_FOLDER_QUEUE = defineQueue(
  'mailbox-sent',
  Type.Object({ messageId: Type.String() }),
);
