import type { Language } from '../../i18n/index.js';
import type { MessageDetails, MessageEvents, MessageWarning } from '../../messages/index.js';
import { lineText, parseFact } from '../../notify/index.js';
import { type ClientInfo, clientAsShown } from '../../pipeline/index.js';
import {
  type AttachmentRow,
  type ChatLineRow,
  type EventRow,
  type MessageAttachment,
  parseAddresses,
  type RecipientRow,
} from '../../store/index.js';
import { iso } from './accounts.js';

export {
  AddressView,
  AttachmentView,
  ChatLineView,
  EventView,
  MessageAttachmentView,
  MessageStatusSchema,
  MessageSummaryView,
  MessageView,
  MessageWarnings,
  MessageWarningView,
  RecipientView,
} from './message-views.js';

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentAttachment(attachment: AttachmentRow) {
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    contentType: attachment.contentType,
  };
}

function presentMessageAttachment(attachment: MessageAttachment) {
  return {
    ...presentAttachment(attachment),
    expiresAt: isoOrNull(attachment.expiresAt),
    revoked: attachment.revokedAt !== null,
  };
}

export function presentRecipient(recipient: RecipientRow) {
  return {
    id: recipient.id,
    email: recipient.email,
    name: recipient.name,
    kind: recipient.kind,
    tracked: recipient.tracked === 1,
    notTrackedReason: recipient.notTrackedReason,
    delivery: recipient.delivery,
    ...(recipient.smtpResponse ? { smtpResponse: recipient.smtpResponse } : {}),
    opens: recipient.opens,
    clicks: recipient.clicks,
    downloads: recipient.downloads,
    machine: {
      opens: recipient.machineOpens,
      clicks: recipient.machineClicks,
      downloads: recipient.machineDownloads,
    },
    replied: recipient.replied,
    lastEventAt: isoOrNull(recipient.lastEventAt),
  };
}

export function presentMessageSummary({
  message,
  sender,
  recipients,
}: Pick<MessageDetails, 'message' | 'sender' | 'recipients'>) {
  return {
    id: message.id,
    status: message.status,
    subject: message.subject,
    sender: { id: sender.id, name: sender.name, email: sender.email },
    from: message.fromEmail
      ? { email: message.fromEmail, ...(message.fromName ? { name: message.fromName } : {}) }
      : null,
    to: parseAddresses(message.toList),
    cc: parseAddresses(message.ccList),
    bcc: parseAddresses(message.bccList),
    tracking: {
      enabled: message.trackingEnabled === 1,
      attachmentLinkTtlDays: message.attachmentLinkTtlDays,
      policy: message.trackingPolicy,
      aggregate:
        message.trackingPolicy === 'aggregate'
          ? { opens: message.aggregateOpens, machineOpens: message.aggregateMachineOpens }
          : null,
    },
    createdAt: iso(message.createdAt),
    sentAt: isoOrNull(message.sentAt),
    recipients: recipients.map(presentRecipient),
  };
}

export function presentMessage(
  details: MessageDetails,
  follow: { following: boolean; muted: boolean },
  warnings: readonly MessageWarning[],
) {
  return {
    ...presentMessageSummary(details),
    html: details.message.html,
    text: details.message.text,
    attachments: details.attachments.map(presentMessageAttachment),
    notifications: { muted: follow.muted },
    following: follow.following,
    warnings: warnings.map(({ code, message, bytes, limit }) => ({ code, message, bytes, limit })),
  };
}

/**
 * A chat line for one reader: a note as its author wrote it; any other line's facts
 * (`fact: {kind, data}`) and `text`, those facts worded in `language` (the reader's profile
 * language). `data` is the line's older shape of facts, kept for clients that read it.
 */
export function presentChatLine(
  line: Pick<ChatLineRow, 'id' | 'at' | 'authorId' | 'kind' | 'text' | 'data' | 'fact'> & {
    authorName: string | null;
  },
  language: Language,
) {
  const fact = line.fact === null ? null : parseFact(line.fact);
  return {
    id: line.id,
    at: iso(line.at),
    author: line.authorId
      ? { id: line.authorId, name: line.authorName ?? '' }
      : ('system' as const),
    kind: line.kind,
    text: fact ? lineText(fact, language) : line.text,
    fact,
    data: line.data ? (JSON.parse(line.data) as Record<string, unknown>) : null,
  };
}

export function presentEvent(event: EventRow, context: MessageEvents) {
  const url = event.linkIdx === null ? undefined : context.links.get(event.linkIdx);
  const attachment =
    event.attachmentId === null ? undefined : context.attachments.get(event.attachmentId);
  return {
    id: event.id,
    type: event.type,
    at: iso(event.at),
    recipient: context.recipients.get(event.recipientId) ?? { id: event.recipientId, email: '' },
    classification: event.classification,
    reason: event.reason,
    inferred: event.inferred === 1,
    method: event.method,
    ...(url !== undefined ? { link: { url } } : {}),
    ...(attachment ? { attachment } : {}),
    ...(event.ip ? { ip: event.ip } : {}),
    ...(event.userAgent ? { userAgent: event.userAgent } : {}),
    ...(event.client ? { client: clientAsShown(JSON.parse(event.client) as ClientInfo) } : {}),
  };
}

export function presentLinkAttachment(attachment: MessageAttachment) {
  return presentMessageAttachment(attachment);
}
