import type { Selectable } from 'kysely';
import type { AttachmentRow } from './attachments.js';
import type { Db } from './database.js';

/** An uploaded attachment as one message carries it: its place, and its download link's life. */
export interface MessageAttachmentTable {
  messageId: string;
  attachmentId: string;
  position: number;
  /** Set at send time from the message's link lifetime; changed later by extend/shorten. */
  expiresAt: number | null;
  revokedAt: number | null;
}
export type MessageAttachmentRow = Selectable<MessageAttachmentTable>;

export async function replaceMessageAttachments(
  db: Db,
  messageId: string,
  attachmentIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('messageAttachments').where('messageId', '=', messageId).execute();
  if (attachmentIds.length === 0) return;
  await db
    .insertInto('messageAttachments')
    .values(attachmentIds.map((attachmentId, position) => ({ messageId, attachmentId, position })))
    .execute();
}

export type MessageAttachment = AttachmentRow & {
  expiresAt: number | null;
  revokedAt: number | null;
};

/** The message's attachments in order (attachment rows joined in), with their link's state. */
export async function listMessageAttachments(
  db: Db,
  messageId: string,
): Promise<MessageAttachment[]> {
  return db
    .selectFrom('messageAttachments')
    .innerJoin('attachments', 'attachments.id', 'messageAttachments.attachmentId')
    .selectAll('attachments')
    .select(['messageAttachments.expiresAt', 'messageAttachments.revokedAt'])
    .where('messageAttachments.messageId', '=', messageId)
    .orderBy('messageAttachments.position')
    .execute();
}

export async function setAttachmentExpiry(
  db: Db,
  messageId: string,
  expiresAt: number,
): Promise<void> {
  await db
    .updateTable('messageAttachments')
    .set({ expiresAt })
    .where('messageId', '=', messageId)
    .execute();
}

export async function updateMessageAttachment(
  db: Db,
  messageId: string,
  attachmentId: string,
  update: { expiresAt?: number; revokedAt?: number | null },
): Promise<boolean> {
  const result = await db
    .updateTable('messageAttachments')
    .set(update)
    .where('messageId', '=', messageId)
    .where('attachmentId', '=', attachmentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
