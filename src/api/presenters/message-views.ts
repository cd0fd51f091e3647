import { Type } from 'typebox';
import { CLASSIFICATIONS, EVENT_TYPES, TRACKING_POLICIES } from '../../vocabulary.js';
import { Id, Literals, Timestamp } from '../schemas.js';

// What the message presenters return, as schemas: imports only typebox and ../schemas.ts, so
// that the web app's types (../contract.ts) derive from it without loading the server.

export const AddressView = Type.Object({
  email: Type.String(),
  name: Type.Optional(Type.String()),
});

const Delivery = Literals(['queued', 'sending', 'sent', 'deferred', 'rejected', 'failed']);

export const RecipientView = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('to'), Type.Literal('cc'), Type.Literal('bcc')]),
  tracked: Type.Boolean(),
  notTrackedReason: Type.Union(
    [
      Literals(['tracking_off', 'do_not_track', 'no_consent', 'aggregate', 'policy_off']),
      Type.Null(),
    ],
    {
      description:
        'tracking_off: the message’s switch; do_not_track: the list (opt-outs included); no_consent, aggregate, policy_off: the workspace’s tracking policy when the message was sent',
    },
  ),
  delivery: Delivery,
  smtpResponse: Type.Optional(Type.String()),
  opens: Type.Integer({ description: "People's opens: human and proxy, inferred ones included" }),
  clicks: Type.Integer({ description: "People's clicks" }),
  downloads: Type.Integer({ description: "People's downloads" }),
  machine: Type.Object(
    { opens: Type.Integer(), clicks: Type.Integer(), downloads: Type.Integer() },
    { description: "Machines' events (prefetchers, scanners, link checkers), counted apart" },
  ),
  replied: Type.Integer({
    description:
      'Replies the shared mailbox received from this recipient to their copy (automatic replies not counted)',
  }),
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

export const MessageStatusSchema = Literals([
  'draft',
  'queued',
  'sending',
  'sent',
  'partially_failed',
  'failed',
]);

const MessageCore = {
  id: Id,
  status: MessageStatusSchema,
  subject: Type.String(),
  sender: Type.Object(
    { id: Id, name: Type.String(), email: Type.String() },
    {
      description:
        'The workspace member who wrote and sent it (also after their removal); `from` is the address it went out from, which may be the workspace’s sender',
    },
  ),
  from: Type.Union([AddressView, Type.Null()], {
    description:
      'The From the message went out with: the sender, or the workspace’s default sender; null on drafts',
  }),
  to: Type.Array(AddressView),
  cc: Type.Array(AddressView),
  bcc: Type.Array(AddressView),
  tracking: Type.Object({
    enabled: Type.Boolean(),
    attachmentLinkTtlDays: Type.Integer(),
    policy: Type.Union([Literals(TRACKING_POLICIES), Type.Null()], {
      description:
        'The workspace’s tracking policy when the message was sent (null on drafts); a later change of the setting does not change it',
    }),
    aggregate: Type.Union(
      [
        Type.Object({
          opens: Type.Integer({ description: "People's opens (human and proxy), in total" }),
          machineOpens: Type.Integer({ description: "Machines' opens, counted apart" }),
        }),
        Type.Null(),
      ],
      {
        description:
          'Sent under the aggregate policy: only these per-message open totals are stored — no per-recipient event or counter exists. Null otherwise',
      },
    ),
  }),
  createdAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
  recipients: Type.Array(RecipientView),
};

export const MessageSummaryView = Type.Object(MessageCore);

export const MessageWarningView = Type.Object(
  {
    code: Type.Literal('gmail_clip'),
    message: Type.String(),
    bytes: Type.Integer({
      description:
        'Size of a copy’s html as sent (UTF-8, CRLF line endings), tracked if tracking is on',
    }),
    limit: Type.Integer({ description: 'What Gmail shows before it clips: 102400 bytes' }),
  },
  {
    description:
      '`gmail_clip`: Gmail will show only the first `limit` bytes of the html; the pixel and the privacy notice are moved inside them',
  },
);

export const MessageWarnings = Type.Array(MessageWarningView, {
  description: 'What the sender should know before sending; empty when all is well',
});

export const MessageView = Type.Object({
  ...MessageCore,
  html: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(MessageAttachmentView),
  notifications: Type.Object({ muted: Type.Boolean() }),
  following: Type.Boolean({ description: 'Whether the caller follows the message' }),
  warnings: MessageWarnings,
});

/**
 * What a line says happened, as stored (src/notify/facts.ts): `kind` (event, link_revoked,
 * link_ended, link_restored, link_extended, link_shortened, delivery_rejected, delivery_failed,
 * webhook_disabled, legacy) and its `data`. `text` beside it is these facts worded for the caller.
 */
export const LineFactView = Type.Object({
  kind: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const ChatLineView = Type.Object({
  id: Id,
  at: Timestamp,
  author: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Literal('system')]),
  kind: Type.String(),
  text: Type.String({
    description: 'The line in the caller’s profile language (a note: as written)',
  }),
  fact: Type.Union([LineFactView, Type.Null()], {
    description: 'What the line says happened, worded into `text`; null on notes',
  }),
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const EventView = Type.Object({
  id: Id,
  type: Literals(EVENT_TYPES),
  at: Timestamp,
  recipient: Type.Object({ id: Id, email: Type.String() }),
  classification: Literals(CLASSIFICATIONS),
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
