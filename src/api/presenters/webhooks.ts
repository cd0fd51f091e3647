import type { WebhookDeliveryRow, WebhookRow } from '../../store/index.js';

export {
  WebhookDeliveryView,
  WebhookEventType,
  WebhookFormatSchema,
  WebhookView,
} from './webhook-views.js';

// One presenter per entity: a whitelist of fields, so a new column never leaks by accident.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function presentWebhook(webhook: WebhookRow) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
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
