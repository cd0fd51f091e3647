import type { Kysely } from 'kysely';
import { releaseBlobs } from '../attachments/index.js';
import type { BlobStore } from '../blobs/index.js';
import { fail } from '../errors.js';
import { workspaceMessage } from '../notify/index.js';
import {
  type Database,
  deleteMessageIfStatus,
  deleteUnheldAttachments,
  listMessageAttachments,
  type UserRow,
} from '../store/index.js';

/**
 * Deletes a draft of the user's workspace with its attachments: the rows no other message holds,
 * then the bytes no attachment or dev inbox mail holds (releaseBlobs). Another workspace's
 * message, or none, is `404 not_found`; a message queued or sent (also one whose send wins a
 * race with this call) is `409 message_sent`, and nothing is deleted.
 */
export async function discardDraft(
  db: Kysely<Database>,
  blobs: BlobStore,
  user: UserRow,
  id: string,
): Promise<void> {
  const keys = await db.transaction().execute(async (trx) => {
    const message = await workspaceMessage(trx, user.workspaceId, id);
    if (message.status !== 'draft') fail('MB_ERR_MESSAGE_SENT');
    const attachments = await listMessageAttachments(trx, id);
    if (!(await deleteMessageIfStatus(trx, id, 'draft'))) fail('MB_ERR_MESSAGE_SENT');
    return deleteUnheldAttachments(
      trx,
      attachments.map((attachment) => attachment.id),
    );
  });
  // After the commit: bytes are removed only once nothing that committed names them.
  await releaseBlobs(db, blobs, keys);
}
