import type { Insertable, Selectable } from 'kysely';
import type { AttachmentRow } from './attachments.js';
import type { Db } from './database.js';

export interface MessageAttachmentTable {
  messageId: string;
  attachmentId: string;
  position: number;
  /** Set at send time from the message's link lifetime; changed later by extend/shorten. */
  expiresAt: number | null;
  revokedAt: number | null;
}
export type MessageAttachmentRow = Selectable<MessageAttachmentTable>;

/** The distinct http(s) links of a sent message, numbered as the click tokens number them. */
/**
 * The link number of a copy's hidden honeypot link: the largest a click token carries, so no
 * real link ever has it. No person sees that link, so whatever follows it is a machine.
 */
export const HONEYPOT_LINK_INDEX = 0xffff;

export interface MessageLinkTable {
  messageId: string;
  idx: number;
  url: string;
}
export type MessageLinkRow = Selectable<MessageLinkTable>;

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

export async function insertMessageLinks(
  db: Db,
  rows: readonly Insertable<MessageLinkTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('messageLinks')
    .values([...rows])
    .execute();
}

export async function listMessageLinks(db: Db, messageId: string): Promise<MessageLinkRow[]> {
  return (await listMessageLinksOf(db, [messageId])).get(messageId) ?? [];
}

/** Each message's links in order, by message id, for many messages in one query. */
export async function listMessageLinksOf(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, MessageLinkRow[]>> {
  const found = new Map<string, MessageLinkRow[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return found;
  const rows = await db
    .selectFrom('messageLinks')
    .selectAll()
    .where('messageId', 'in', messageIds)
    .orderBy('messageId')
    .orderBy('idx')
    .execute();
  for (const row of rows) found.get(row.messageId)?.push(row);
  return found;
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
