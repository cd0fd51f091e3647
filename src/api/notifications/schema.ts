import { Type } from 'typebox';
import { LineFactView } from '../presenters/message-views.js';
import { Cursor, Id, Timestamp } from '../schemas.js';

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
});

export const NotificationsQuery = Type.Object({
  after: Type.Optional(Cursor('Continue after this id (older ones)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const NotificationPage = Type.Object({
  notifications: Type.Array(NotificationView),
  cursor: Type.Union([Id, Type.Null()]),
  unread: Type.Integer(),
});

export const ReadBody = Type.Object({ upTo: Id }, { additionalProperties: false });
export const Unread = Type.Object({ unread: Type.Integer() });
export const MuteBody = Type.Object({ muted: Type.Boolean() }, { additionalProperties: false });
export const Muted = Type.Object({ muted: Type.Boolean() });
export const Following = Type.Object({ following: Type.Boolean() });
export const ChatNoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) },
  { additionalProperties: false },
);
