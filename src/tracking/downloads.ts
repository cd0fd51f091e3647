import { inlineAttachmentIds } from '../messages/index.js';
import {
  type Db,
  findMessageById,
  listMessageAttachments,
  type MessageAttachment,
} from '../store/index.js';

export type Availability = 'available' | 'expired' | 'revoked';

export function availability(file: MessageAttachment, now: number): Availability {
  if (file.revokedAt !== null) return 'revoked';
  if (file.expiresAt !== null && file.expiresAt <= now) return 'expired';
  return 'available';
}

/** The files a copy's download page offers: the message's attachments less its inline images. */
export async function downloadableFiles(db: Db, messageId: string): Promise<MessageAttachment[]> {
  const [message, attachments] = await Promise.all([
    findMessageById(db, messageId),
    listMessageAttachments(db, messageId),
  ]);
  const inline = inlineAttachmentIds(
    message?.html ?? null,
    attachments.map((a) => a.id),
  );
  return attachments.filter((a) => !inline.has(a.id));
}
