import { workspaceMessage } from '../notify/index.js';
import {
  type Db,
  listMessageAttachments,
  listMessages,
  listRecipients,
  listRecipientsOfMessages,
  type MessageAttachment,
  type MessageRow,
  type MessageStatus,
  type RecipientRow,
} from '../store/index.js';

export interface MessageDetails {
  readonly message: MessageRow;
  readonly recipients: RecipientRow[];
  readonly attachments: MessageAttachment[];
}

export async function messageDetails(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<MessageDetails> {
  const message = await workspaceMessage(db, workspaceId, id);
  const [recipients, attachments] = await Promise.all([
    listRecipients(db, id),
    listMessageAttachments(db, id),
  ]);
  return { message, recipients, attachments };
}

export interface MessageListPage {
  readonly items: { message: MessageRow; recipients: RecipientRow[] }[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  readonly cursor: string | null;
}

/** Newest first, with each message's recipients (their tracking state at a glance). */
export async function messagePage(
  db: Db,
  workspaceId: string,
  query: { status?: MessageStatus; replied?: boolean; limit: number; cursor?: string },
): Promise<MessageListPage> {
  const rows = await listMessages(db, workspaceId, {
    status: query.status,
    replied: query.replied,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const recipients = await listRecipientsOfMessages(
    db,
    page.map((m) => m.id),
  );
  const byMessage = new Map<string, RecipientRow[]>();
  for (const recipient of recipients) {
    const list = byMessage.get(recipient.messageId) ?? [];
    list.push(recipient);
    byMessage.set(recipient.messageId, list);
  }
  return {
    items: page.map((message) => ({ message, recipients: byMessage.get(message.id) ?? [] })),
    cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
