import { Type } from 'typebox';
import type { MessageDetails, MessageEvents } from '../../messages/index.js';
import {
  type AttachmentRow,
  type ChatLineRow,
  type EventRow,
  type MessageAttachment,
  type MessageRow,
  parseAddresses,
  type RecipientRow,
} from '../../store/index.js';
import { Id, Timestamp } from '../schemas.js';
import { iso } from './accounts.js';

export const AddressView = Type.Object({
  email: Type.String(),
  name: Type.Optional(Type.String()),
});

const Delivery = Type.Union(
  ['queued', 'sending', 'sent', 'deferred', 'rejected', 'failed'].map((d) => Type.Literal(d)),
);

export const RecipientView = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('to'), Type.Literal('cc'), Type.Literal('bcc')]),
  tracked: Type.Boolean(),
  notTrackedReason: Type.Union([
    Type.Literal('tracking_off'),
    Type.Literal('do_not_track'),
    Type.Null(),
  ]),
  delivery: Delivery,
  smtpResponse: Type.Optional(Type.String()),
  opens: Type.Integer({ description: "People's opens: human and proxy, inferred ones included" }),
  clicks: Type.Integer({ description: "People's clicks" }),
  downloads: Type.Integer({ description: "People's downloads" }),
  machine: Type.Object(
    { opens: Type.Integer(), clicks: Type.Integer(), downloads: Type.Integer() },
    { description: "Machines' events (prefetchers, scanners, link checkers), counted apart" },
  ),
  lastEventAt: Type.Union([Timestamp, Type.Null()]),
});

export const AttachmentView = Type.Object({
  id: Id,
  filename: Type.String(),
  size: Type.Integer(),
  contentType: Type.String(),
});

export const MessageAttachmentView = Type.Object({
  id: Id,
  filename: Type.String(),
  size: Type.Integer(),
  contentType: Type.String(),
  expiresAt: Type.Union([Timestamp, Type.Null()]),
  revoked: Type.Boolean(),
});

export const MessageStatusSchema = Type.Union(
  ['draft', 'queued', 'sending', 'sent', 'partially_failed', 'failed'].map((s) => Type.Literal(s)),
);

const MessageCore = {
  id: Id,
  status: MessageStatusSchema,
  subject: Type.String(),
  from: Type.Union([AddressView, Type.Null()]),
  to: Type.Array(AddressView),
  cc: Type.Array(AddressView),
  bcc: Type.Array(AddressView),
  tracking: Type.Object({ enabled: Type.Boolean(), attachmentLinkTtlDays: Type.Integer() }),
  createdAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
  recipients: Type.Array(RecipientView),
};

export const MessageSummaryView = Type.Object(MessageCore);

export const MessageView = Type.Object({
  ...MessageCore,
  html: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(MessageAttachmentView),
  notifications: Type.Object({ muted: Type.Boolean() }),
  following: Type.Boolean({ description: 'Whether the caller follows the message' }),
});

export const ChatLineView = Type.Object({
  id: Id,
  at: Timestamp,
  author: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Literal('system')]),
  kind: Type.String(),
  text: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

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
    lastEventAt: isoOrNull(recipient.lastEventAt),
  };
}

export function presentMessageSummary(message: MessageRow, recipients: RecipientRow[]) {
  return {
    id: message.id,
    status: message.status,
    subject: message.subject,
    from: message.fromEmail
      ? { email: message.fromEmail, ...(message.fromName ? { name: message.fromName } : {}) }
      : null,
    to: parseAddresses(message.toList),
    cc: parseAddresses(message.ccList),
    bcc: parseAddresses(message.bccList),
    tracking: {
      enabled: message.trackingEnabled === 1,
      attachmentLinkTtlDays: message.attachmentLinkTtlDays,
    },
    createdAt: iso(message.createdAt),
    sentAt: isoOrNull(message.sentAt),
    recipients: recipients.map(presentRecipient),
  };
}

export function presentMessage(
  details: MessageDetails,
  follow: { following: boolean; muted: boolean },
) {
  return {
    ...presentMessageSummary(details.message, details.recipients),
    html: details.message.html,
    text: details.message.text,
    attachments: details.attachments.map(presentMessageAttachment),
    notifications: { muted: follow.muted },
    following: follow.following,
  };
}

export function presentChatLine(line: ChatLineRow & { authorName: string | null }) {
  return {
    id: line.id,
    at: iso(line.at),
    author: line.authorId
      ? { id: line.authorId, name: line.authorName ?? '' }
      : ('system' as const),
    kind: line.kind,
    text: line.text,
    data: line.data ? (JSON.parse(line.data) as Record<string, unknown>) : null,
  };
}

export const EventView = Type.Object({
  id: Id,
  type: Type.Union(
    ['open', 'click', 'download', 'expired_access', 'opt_out'].map((t) => Type.Literal(t)),
  ),
  at: Timestamp,
  recipient: Type.Object({ id: Id, email: Type.String() }),
  classification: Type.Union(['human', 'proxy', 'machine', 'self'].map((c) => Type.Literal(c))),
  reason: Type.Union([Type.String(), Type.Null()]),
  inferred: Type.Boolean(),
  method: Type.String(),
  link: Type.Optional(Type.Object({ url: Type.String() })),
  attachment: Type.Optional(Type.Object({ id: Id, filename: Type.String() })),
  ip: Type.Optional(Type.String()),
  userAgent: Type.Optional(Type.String()),
  client: Type.Optional(
    Type.Object({
      browser: Type.Union([Type.String(), Type.Null()]),
      browserVersion: Type.Union([Type.String(), Type.Null()]),
      os: Type.Union([Type.String(), Type.Null()]),
      osVersion: Type.Union([Type.String(), Type.Null()]),
      device: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

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
    ...(event.client ? { client: JSON.parse(event.client) } : {}),
  };
}

export function presentLinkAttachment(attachment: MessageAttachment) {
  return presentMessageAttachment(attachment);
}
