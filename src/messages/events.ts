import { workspaceMessage } from '../notify/index.js';
import {
  type Db,
  type EventRow,
  listMessageAttachments,
  listMessageEvents,
  listMessageLinks,
  listRecipients,
} from '../store/index.js';

export interface MessageEvents {
  readonly events: EventRow[];
  readonly recipients: Map<string, { id: string; email: string }>;
  readonly links: Map<number, string>;
  readonly attachments: Map<string, { id: string; filename: string }>;
}

/** A message's events in time order, with what they name (recipient, link, attachment). */
export async function messageEvents(
  db: Db,
  workspaceId: string,
  messageId: string,
  page: { limit: number; after?: string },
): Promise<MessageEvents> {
  await workspaceMessage(db, workspaceId, messageId);
  const [events, recipients, links, attachments] = await Promise.all([
    listMessageEvents(db, messageId, page.limit, page.after),
    listRecipients(db, messageId),
    listMessageLinks(db, messageId),
    listMessageAttachments(db, messageId),
  ]);
  return {
    events,
    recipients: new Map(recipients.map((r) => [r.id, { id: r.id, email: r.email }])),
    links: new Map(links.map((l) => [l.idx, l.url])),
    attachments: new Map(attachments.map((a) => [a.id, { id: a.id, filename: a.filename }])),
  };
}
