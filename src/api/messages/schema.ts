import { Type } from 'typebox';
import {
  MAX_MESSAGE_ATTACHMENTS,
  MAX_TRACKED_LINKS,
  MessageAddressList,
  MessageBody,
  MessageSubject,
} from '../../messages/index.js';
import {
  ChatLineView,
  EventView,
  MessageStatusSchema,
  MessageSummaryView,
  MessageWarnings,
} from '../presenters/message-views.js';
import { CURSOR_PATTERN, Cursor, Id, Literals, NextCursor, SingleLine } from '../schemas.js';

const AddressList = MessageAddressList;

const Tracking = Type.Object(
  {
    enabled: Type.Optional(
      Type.Boolean({
        description:
          'Absent on a new message: the author’s tracking default (their own, else the workspace’s `trackingDefault`); absent on a change: unchanged',
      }),
    ),
    attachmentLinkTtlDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

const Body = {
  html: Type.Optional(MessageBody),
  text: Type.Optional(MessageBody),
  attachments: Type.Optional(
    Type.Array(Id, {
      maxItems: MAX_MESSAGE_ATTACHMENTS,
      description:
        'Uploaded attachment ids; one referenced as cid:<id> in the html is an inline image',
    }),
  ),
  tracking: Type.Optional(Tracking),
};

export const CreateMessageBody = Type.Object(
  {
    to: AddressList,
    cc: Type.Optional(AddressList),
    bcc: Type.Optional(AddressList),
    subject: MessageSubject,
    ...Body,
    send: Type.Optional(Type.Boolean({ description: 'Send at once instead of keeping a draft' })),
  },
  { additionalProperties: false },
);

export const UpdateMessageBody = Type.Object(
  {
    to: Type.Optional(AddressList),
    cc: Type.Optional(AddressList),
    bcc: Type.Optional(AddressList),
    subject: Type.Optional(MessageSubject),
    ...Body,
  },
  { additionalProperties: false },
);

/** What the compose screen checks: a draft's fields, as a change to a draft takes them. */
/**
 * The tracked-link limit as the OpenAPI descriptions state it (messages' MAX_TRACKED_LINKS;
 * docs/limits.md).
 */
export const LINK_LIMIT = `a tracked message may have at most ${MAX_TRACKED_LINKS} distinct links (html and text together): over that, 400 \`too_many_links\`, naming the limit; send it untracked or with fewer links`;

export const CheckMessageBody = UpdateMessageBody;
export const MessageCheck = Type.Object({ warnings: MessageWarnings });

export const MessageParams = Type.Object({ id: Id });

/** What a person did, as the list's filters ask it: true, at least one recipient did; false, none. */
const AnyRecipient = (what: string) =>
  Type.Optional(
    Type.Boolean({
      description: `true: ${what}; false: nobody did (drafts and untracked messages included: combine with \`draft=false\` and \`tracking=on\`)`,
    }),
  );

export const MessageListQuery = Type.Object({
  status: Type.Optional(MessageStatusSchema),
  draft: Type.Optional(
    Type.Boolean({
      description:
        'true: drafts only (as `status=draft`); false: every message but drafts (the sent list: queued, sending, sent, failed…)',
    }),
  ),
  q: Type.Optional(
    SingleLine({
      visible: true,
      minLength: 1,
      maxLength: 200,
      description:
        'Search: messages whose subject, or a To, Cc or Bcc recipient’s address or name, contains this text (trimmed) in any case and with or without accents (`citta` finds `Città`); `%`, `_` and `\\` are plain characters. One line, 1–200 characters',
    }),
  ),
  opened: AnyRecipient(
    'a person opened it (a human or an image proxy, an open inferred from a click included; for the aggregate policy, its total of people’s opens)',
  ),
  clicked: AnyRecipient('a person clicked one of its links'),
  replied: AnyRecipient(
    'a recipient replied (the shared mailbox saw it; automatic replies do not count)',
  ),
  tracking: Type.Optional(
    Literals(['on', 'off'], { description: 'The message’s tracking switch' }),
  ),
  sender: Type.Optional(
    Type.String({
      pattern: `^(?:me|${CURSOR_PATTERN.slice(1, -1)})$`,
      description:
        'Sent by this member: a user id, or `me` (the caller; with an API key, its owner). Another workspace’s user matches nothing',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Cursor('The `cursor` of the page before (older messages)')),
});

export const MessageList = Type.Object({
  messages: Type.Array(MessageSummaryView),
  cursor: NextCursor,
});

export const ChatLines = Type.Object({ lines: Type.Array(ChatLineView) });

export const EventsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
  after: Type.Optional(Cursor('The `cursor` of the page before (later events)')),
});
export const EventList = Type.Object({
  events: Type.Array(EventView),
  cursor: NextCursor,
});

export const AttachmentLinkParams = Type.Object({ id: Id, attachmentId: Id });
export const AttachmentLinkBody = Type.Object(
  {
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    revoked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
