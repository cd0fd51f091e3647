import {
  type Db,
  findAttachmentNames,
  findNoticeMessages,
  findRecipientNames,
  listMessageLinksOf,
} from '../../store/index.js';

/** What a payload tells about an event besides the event row: its message, recipient, target. */
export interface WebhookEventContext {
  readonly messages: Map<string, { subject: string; language: string }>;
  readonly recipients: Map<string, { email: string; name: string | null }>;
  /** `${messageId}:${idx}` → URL. */
  readonly links: Map<string, string>;
  /** Attachment id → its file name. */
  readonly attachments: Map<string, string>;
}

const distinct = (values: Iterable<string>) => [...new Set(values)];

/**
 * The messages, recipients, links and attachments these events speak of, in one query per table
 * (none for a table no event needs).
 */
export async function loadWebhookEventContext(
  db: Db,
  events: readonly {
    messageId: string;
    recipientId: string;
    linkIdx?: number | null;
    attachmentId?: string | null;
  }[],
): Promise<WebhookEventContext> {
  const linked = distinct(events.filter((e) => e.linkIdx != null).map((e) => e.messageId));
  const links = new Map<string, string>();
  for (const rows of (await listMessageLinksOf(db, linked)).values()) {
    for (const link of rows) links.set(`${link.messageId}:${link.idx}`, link.url);
  }
  return {
    messages: await findNoticeMessages(db, distinct(events.map((e) => e.messageId))),
    recipients: await findRecipientNames(db, distinct(events.map((e) => e.recipientId))),
    links,
    attachments: await findAttachmentNames(
      db,
      distinct(events.flatMap((e) => (e.attachmentId ? [e.attachmentId] : []))),
    ),
  };
}
