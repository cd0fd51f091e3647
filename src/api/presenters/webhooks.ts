import { Type } from 'typebox';
import type { WebhookDeliveryRow, WebhookRow } from '../../store/index.js';
import { Id, Timestamp } from '../schemas.js';

// One presenter per entity: a whitelist of fields, so a new column never leaks by accident.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const WebhookEventType = Type.Union([
  Type.Literal('open'),
  Type.Literal('click'),
  Type.Literal('download'),
  Type.Literal('expired_access'),
  Type.Literal('opt_out'),
]);

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

export function presentWebhook(webhook: WebhookRow) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: JSON.parse(webhook.events) as string[],
    secret: webhook.secret,
    format: webhook.format,
    createdAt: iso(webhook.createdAt),
    disabledAt: isoOrNull(webhook.disabledAt),
    disabledReason: webhook.disabledReason,
  };
}

export function presentWebhookDelivery(delivery: WebhookDeliveryRow) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    responseStatus: delivery.responseStatus,
    error: delivery.error,
    createdAt: iso(delivery.createdAt),
    lastAttemptAt: isoOrNull(delivery.lastAttemptAt),
    deliveredAt: isoOrNull(delivery.deliveredAt),
  };
}
