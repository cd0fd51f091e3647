import { Type } from 'typebox';
import { EVENT_TYPES } from '../../vocabulary.js';
import { Id, Literals, Timestamp } from '../schemas.js';

// What the webhook presenters return, as schemas (a leaf: see message-views.ts).

export const WebhookEventType = Literals(EVENT_TYPES);

export const WebhookFormatSchema = Type.Union([Type.Literal('json'), Type.Literal('slack')], {
  description:
    '`json`: the event as JSON; `slack`: `{"text": …}` for Slack, Mattermost, Rocket.Chat',
});

export const WebhookView = Type.Object({
  id: Id,
  url: Type.String(),
  events: Type.Array(WebhookEventType),
  secret: Type.String({ description: 'Signs every delivery (Mailbeacon-Signature)' }),
  format: WebhookFormatSchema,
  createdAt: Timestamp,
  disabledAt: Type.Union([Timestamp, Type.Null()], {
    description: 'Set when deliveries kept failing; nothing is sent any more',
  }),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
});

export const WebhookDeliveryView = Type.Object({
  id: Id,
  eventId: Type.Union([Id, Type.Null()]),
  eventType: WebhookEventType,
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer({ minimum: 0 }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The receiver’s HTTP status at the last attempt',
  }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why the last attempt failed (shortened)',
  }),
  createdAt: Timestamp,
  lastAttemptAt: Type.Union([Timestamp, Type.Null()]),
  deliveredAt: Type.Union([Timestamp, Type.Null()]),
});
