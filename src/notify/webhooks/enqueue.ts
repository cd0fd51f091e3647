import { Type } from 'typebox';
import { defineQueue, type QueuedJob } from '../../jobs/index.js';
import {
  type Db,
  derivedId,
  insertWebhookDeliveryOnce,
  inTransaction,
  listActiveWebhooks,
  type NewEventRow,
  type NewWebhookDeliveryRow,
  type WebhookRow,
} from '../../store/index.js';
import { loadWebhookEventContext } from './event-context.js';
import { deliveryBody, formatWants, type WebhookEvent } from './payload.js';

/** Delivering one webhook delivery row (webhookDeliveryHandler). */
export const WEBHOOK_QUEUE = defineQueue('webhook', Type.Object({ deliveryId: Type.String() }));

/**
 * A delivery's id follows from its subscription and event: queueing the same pair twice (the
 * recorder's hook and a replay, or two nodes) hits the primary key and writes nothing. It sorts
 * at the event's time, so the delivery log sorts by event time like any other id.
 */
export function deliveryIdFor(webhookId: string, eventId: string): string {
  return derivedId(eventId, `${webhookId}\0${eventId}`);
}

/** Whether the subscription listens to this type of event in this workspace. */
function subscribes(webhook: WebhookRow, event: Pick<WebhookEvent, 'workspaceId' | 'type'>) {
  return webhook.workspaceId === event.workspaceId && webhook.events.includes(event.type);
}

function wants(webhook: WebhookRow, event: WebhookEvent): boolean {
  return subscribes(webhook, event) && formatWants(webhook.format, event);
}

async function insertDeliveries(
  db: Db,
  webhooks: readonly WebhookRow[],
  events: readonly WebhookEvent[],
  now: number,
): Promise<number> {
  const deliveries: NewWebhookDeliveryRow[] = [];
  const jobs: QueuedJob<{ deliveryId: string }>[] = [];
  for (const event of events) {
    for (const webhook of webhooks) {
      if (!wants(webhook, event)) continue;
      const id = deliveryIdFor(webhook.id, event.id);
      deliveries.push({
        id,
        webhookId: webhook.id,
        workspaceId: webhook.workspaceId,
        eventId: event.id,
        eventType: event.type,
        payload: deliveryBody(webhook.format, id, event, now),
        status: 'pending',
        attempts: 0,
        createdAt: now,
      });
      jobs.push({
        payload: { deliveryId: id },
        idempotencyKey: `webhook:${webhook.id}:${event.id}`,
      });
    }
  }
  if (deliveries.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    let queued = 0;
    for (const delivery of deliveries) {
      if (await insertWebhookDeliveryOnce(trx, delivery)) queued += 1;
    }
    await WEBHOOK_QUEUE.enqueue(trx, jobs, now);
    return queued;
  });
}

/**
 * Queues one delivery (a row and its job, in one transaction) per event and active subscription
 * of its workspace that wants it. Idempotent per (subscription, event). Returns how many
 * deliveries are new, so the caller nudges the webhook worker only when there is work.
 */
export async function enqueueWebhookDeliveries(
  db: Db,
  events: readonly WebhookEvent[],
  now = Date.now(),
): Promise<number> {
  if (events.length === 0) return 0;
  const webhooks = await listActiveWebhooks(db, [...new Set(events.map((e) => e.workspaceId))]);
  if (webhooks.length === 0) return 0;
  return insertDeliveries(db, webhooks, events, now);
}

/**
 * The same from committed event rows (what the recorder hands its hooks): looks up subjects,
 * recipients, links and file names itself, and only when a subscription wants one of the
 * events, so a workspace without webhooks costs one query per batch. Works on a transaction too.
 */
export async function enqueueWebhooksForEvents(
  db: Db,
  rows: readonly NewEventRow[],
  now = Date.now(),
): Promise<number> {
  if (rows.length === 0) return 0;
  const webhooks = await listActiveWebhooks(db, [...new Set(rows.map((e) => e.workspaceId))]);
  const subscribed = rows.filter((row) => webhooks.some((webhook) => subscribes(webhook, row)));
  if (subscribed.length === 0) return 0;
  const context = await loadWebhookEventContext(db, subscribed);
  const events: WebhookEvent[] = [];
  for (const row of subscribed) {
    const message = context.messages.get(row.messageId);
    const recipient = context.recipients.get(row.recipientId);
    if (!message || !recipient) continue;
    events.push({
      id: row.id,
      workspaceId: row.workspaceId,
      messageId: row.messageId,
      recipientId: row.recipientId,
      type: row.type,
      at: row.at,
      classification: row.classification,
      reason: row.reason ?? null,
      inferred: row.inferred,
      linkIdx: row.linkIdx ?? null,
      attachmentId: row.attachmentId ?? null,
      messageSubject: message.subject,
      messageLanguage: message.language,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      linkUrl: row.linkIdx == null ? null : context.links.get(`${row.messageId}:${row.linkIdx}`),
      attachmentFilename: row.attachmentId ? context.attachments.get(row.attachmentId) : null,
    });
  }
  return insertDeliveries(db, webhooks, events, now);
}
