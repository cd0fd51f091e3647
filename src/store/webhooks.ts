import type { Insertable, Selectable } from 'kysely';

export type WebhookFormat = 'json' | 'slack';
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A workspace's subscription: where to post which event types, and how. */
export interface WebhookTable {
  id: string;
  workspaceId: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  /** Signs every delivery (HMAC-SHA256); shown to admins, as the receiver needs it. */
  secret: string;
  format: WebhookFormat;
  createdBy: string | null;
  createdAt: number;
  disabledAt: number | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  deletedAt: number | null;
}
export type WebhookRow = Selectable<WebhookTable>;
export type NewWebhookRow = Insertable<WebhookTable>;

/** One payload for one subscription, and what became of it. */
export interface WebhookDeliveryTable {
  id: string;
  webhookId: string;
  workspaceId: string;
  eventId: string | null;
  eventType: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: number;
  lastAttemptAt: number | null;
  deliveredAt: number | null;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type NewWebhookDeliveryRow = Insertable<WebhookDeliveryTable>;
