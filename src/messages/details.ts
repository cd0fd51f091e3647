import { foldForSearch } from '../mail/index.js';
import { workspaceMessage } from '../notify/index.js';
import {
  type Db,
  findSenders,
  listMessageAttachments,
  listMessages,
  listRecipients,
  listRecipientsOfMessages,
  type MessageAttachment,
  type MessageRow,
  type MessageStatus,
  type RecipientRow,
  type SenderRow,
} from '../store/index.js';

export interface MessageDetails {
  readonly message: MessageRow;
  /** The member who wrote it (`from` may be the workspace's sender instead). */
  readonly sender: SenderRow;
  readonly recipients: RecipientRow[];
  readonly attachments: MessageAttachment[];
}

/** The message's sender among `senders`; the users table keeps every user, removed ones too. */
function senderIn(senders: ReadonlyMap<string, SenderRow>, message: MessageRow): SenderRow {
  const found = senders.get(message.senderId);
  // Unreachable while messages.sender_id references users.id and users are never deleted.
  if (!found) throw new Error(`message ${message.id} names no sender`);
  return found;
}

export async function messageDetails(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<MessageDetails> {
  const message = await workspaceMessage(db, workspaceId, id);
  const [senders, recipients, attachments] = await Promise.all([
    findSenders(db, workspaceId, [message.senderId]),
    listRecipients(db, id),
    listMessageAttachments(db, id),
  ]);
  return { message, sender: senderIn(senders, message), recipients, attachments };
}

/** What the list of messages can be narrowed to; every part combines with the others. */
export interface MessageFilters {
  readonly status?: MessageStatus;
  /** Drafts only (true), or all but drafts (false). */
  readonly draft?: boolean;
  /** Text the subject or a recipient's address or name contains (any case, any accents). */
  readonly q?: string;
  /** A person opened it (machines' and the team's own opens count on nobody), or none did. */
  readonly opened?: boolean;
  readonly clicked?: boolean;
  readonly replied?: boolean;
  readonly tracking?: boolean;
  /** Sent by this user (an id of another workspace matches nothing). */
  readonly senderId?: string;
}

export interface MessageListPage {
  readonly items: { message: MessageRow; sender: SenderRow; recipients: RecipientRow[] }[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  readonly cursor: string | null;
}

/** Newest first, with each message's sender and recipients (their tracking state at a glance). */
export async function messagePage(
  db: Db,
  workspaceId: string,
  query: MessageFilters & { limit: number; cursor?: string },
): Promise<MessageListPage> {
  const search = query.q === undefined ? undefined : foldForSearch(query.q.trim());
  // Text that folds to nothing (a lone accent) is in no message.
  if (search === '') return { items: [], cursor: null };
  const rows = await listMessages(db, workspaceId, {
    status: query.status,
    draft: query.draft,
    search,
    opened: query.opened,
    clicked: query.clicked,
    replied: query.replied,
    trackingEnabled: query.tracking,
    senderId: query.senderId,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const [recipients, senders] = await Promise.all([
    listRecipientsOfMessages(
      db,
      page.map((m) => m.id),
    ),
    findSenders(
      db,
      workspaceId,
      page.map((m) => m.senderId),
    ),
  ]);
  const byMessage = new Map<string, RecipientRow[]>();
  for (const recipient of recipients) {
    const list = byMessage.get(recipient.messageId) ?? [];
    list.push(recipient);
    byMessage.set(recipient.messageId, list);
  }
  return {
    items: page.map((message) => ({
      message,
      sender: senderIn(senders, message),
      recipients: byMessage.get(message.id) ?? [],
    })),
    cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
