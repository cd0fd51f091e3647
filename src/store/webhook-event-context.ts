import type { Db } from './database.js';

/*
 * A read model, not a table: what a webhook payload says about its events, read from the
 * messages, recipients, message_links and attachments tables at once. Each table's own file
 * owns its writes; this file only gathers what a payload names.
 */

/** What a payload tells about an event besides the event row: its message, recipient, target. */
export interface WebhookEventContext {
  readonly messages: Map<string, { subject: string; language: string }>;
  readonly recipients: Map<string, { email: string; name: string | null }>;
  /** `${messageId}:${idx}` → URL. */
  readonly links: Map<string, string>;
  readonly attachments: Map<string, string>;
}

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
  const messageIds = [...new Set(events.map((e) => e.messageId))];
  const recipientIds = [...new Set(events.map((e) => e.recipientId))];
  const linkMessageIds = [
    ...new Set(events.filter((e) => e.linkIdx != null).map((e) => e.messageId)),
  ];
  const attachmentIds = [
    ...new Set(events.flatMap((e) => (e.attachmentId ? [e.attachmentId] : []))),
  ];
  const messages =
    messageIds.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .select(['id', 'subject', 'language'])
          .where('id', 'in', messageIds)
          .execute();
  const recipients =
    recipientIds.length === 0
      ? []
      : await db
          .selectFrom('recipients')
          .select(['id', 'email', 'name'])
          .where('id', 'in', recipientIds)
          .execute();
  const links =
    linkMessageIds.length === 0
      ? []
      : await db
          .selectFrom('messageLinks')
          .selectAll()
          .where('messageId', 'in', linkMessageIds)
          .execute();
  const attachments =
    attachmentIds.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'filename'])
          .where('id', 'in', attachmentIds)
          .execute();
  return {
    messages: new Map(messages.map((m) => [m.id, { subject: m.subject, language: m.language }])),
    recipients: new Map(recipients.map((r) => [r.id, { email: r.email, name: r.name }])),
    links: new Map(links.map((l) => [`${l.messageId}:${l.idx}`, l.url])),
    attachments: new Map(attachments.map((a) => [a.id, a.filename])),
  };
}
