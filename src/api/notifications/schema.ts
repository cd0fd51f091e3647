import { Type } from 'typebox';
import { CLASSIFICATIONS, NOTIFICATION_TYPES } from '../../vocabulary.js';
import { LineFactView } from '../presenters/message-views.js';
import { Cursor, Id, Literals, RangeBound, Timestamp } from '../schemas.js';

export const NotificationView = Type.Object({
  id: Id,
  at: Timestamp,
  messageId: Type.Union([Id, Type.Null()]),
  eventId: Type.Union([Id, Type.Null()]),
  type: Type.String(),
  text: Type.String({ description: 'The notification in the caller’s profile language' }),
  fact: LineFactView,
  read: Type.Boolean(),
  count: Type.Integer({
    description: 'How many events this line stands for (repeats within 60 s fold)',
  }),
  classification: Type.Union([Literals(CLASSIFICATIONS), Type.Null()], {
    description:
      'The label of the event it (last) stands for: human (a person), proxy (a mail provider’s image proxy fetching for a person), machine; null when it is about no event',
  }),
});

export const NotificationsQuery = Type.Object({
  after: Type.Optional(Cursor('Continue after this id (older ones)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  type: Type.Optional(Literals(NOTIFICATION_TYPES, { description: 'Only this kind' })),
  classification: Type.Optional(
    Literals(CLASSIFICATIONS, {
      description: 'Only those whose event has this label (`self` never notifies)',
    }),
  ),
  messageId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Only those about this message' }),
  ),
  unread: Type.Optional(
    // Only `true`, as the sent list's `replied`: a `false` that filtered nothing would read as "read ones".
    Type.Literal(true, { description: 'true: only unread ones; the only value taken' }),
  ),
  from: RangeBound('Only those last changed at or after this'),
  to: RangeBound('Only those last changed before this'),
});

export const NotificationPage = Type.Object({
  notifications: Type.Array(NotificationView),
  cursor: Type.Union([Id, Type.Null()]),
  unread: Type.Integer(),
});

export const ReadBody = Type.Object({ upTo: Id }, { additionalProperties: false });
export const NotificationParams = Type.Object({ id: Id });
export const Unread = Type.Object({ unread: Type.Integer() });
export const MuteBody = Type.Object({ muted: Type.Boolean() }, { additionalProperties: false });
export const Muted = Type.Object({ muted: Type.Boolean() });
export const Following = Type.Object({ following: Type.Boolean() });
export const ChatNoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) },
  { additionalProperties: false },
);
