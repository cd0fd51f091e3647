import { fail } from '../errors.js';
import { type Db, findMessage, type MessageRow } from '../store/index.js';

/**
 * The message `messageId` of this workspace, or `404 MB_ERR_NOT_FOUND`: what every route on one
 * message checks first (following, muting, notes here; reading, editing, sending and attachment
 * links in `messages`), so another workspace's message is as absent as one that never was.
 */
export async function workspaceMessage(
  db: Db,
  workspaceId: string,
  messageId: string,
): Promise<MessageRow> {
  const message = await findMessage(db, workspaceId, messageId);
  if (!message) fail('MB_ERR_NOT_FOUND', 'No such message');
  return message;
}
