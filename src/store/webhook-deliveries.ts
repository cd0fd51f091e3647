import type { Insertable, Kysely, Selectable } from 'kysely';
import { countInChunks, deleteInBatches } from './batches.js';
import type { Database, Db } from './database.js';
import { idTimePrefix } from './ids.js';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

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

/** Inserts a delivery unless one with its id exists (ids derive from webhook and event). */
export async function insertWebhookDeliveryOnce(
  db: Db,
  row: NewWebhookDeliveryRow,
): Promise<boolean> {
  const result = await db
    .insertInto('webhookDeliveries')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findWebhookDelivery(db: Db, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhookDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface WebhookDeliveryAttempt {
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  lastAttemptAt: number;
  deliveredAt?: number;
}

/**
 * Records an attempt on a delivery that is still pending. False when it no longer is (its
 * subscription was disabled or deleted meanwhile, or another worker settled it).
 */
export async function recordDeliveryAttempt(
  db: Db,
  id: string,
  attempt: WebhookDeliveryAttempt,
): Promise<boolean> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set(attempt)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives up every pending delivery of a subscription (disabled or deleted). */
export async function failPendingDeliveries(
  db: Db,
  webhookId: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set({ status: 'failed', error })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

/** Whether anything reached the subscription's receiver at or after `since`. */
export async function webhookDeliveredSince(
  db: Db,
  webhookId: string,
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('webhookDeliveries')
    .select('id')
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'delivered')
    .where('deliveredAt', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The delivery log, newest first; `before` continues an earlier page. */
export function listWebhookDeliveries(
  db: Db,
  webhookId: string,
  page: { limit: number; before?: string },
): Promise<WebhookDeliveryRow[]> {
  let query = db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('webhookId', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before) query = query.where('id', '<', page.before);
  return query.execute();
}

/**
 * Deletes the deliveries queued before `before` (epoch ms), whatever became of them: their
 * payloads name recipients, and the retention purge leaves no event behind them. A batch per
 * statement along the primary key (a delivery's id begins with its event's time, which is
 * never after its queueing). Returns how many went.
 */
export function purgeWebhookDeliveriesBefore(
  db: Kysely<Database>,
  before: number,
): Promise<number> {
  const bound = idTimePrefix(before);
  return deleteInBatches(
    (limit) =>
      db
        .selectFrom('webhookDeliveries')
        .select('id')
        .where('id', '<', bound)
        .where('createdAt', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute(),
    (ids) => db.deleteFrom('webhookDeliveries').where('id', 'in', ids).executeTakeFirst(),
  );
}

/**
 * Deletes the workspace's deliveries of these events, pending or settled (an erasure: their
 * payloads name the recipient, and a pending one would carry it out on its next retry).
 * Returns how many went.
 */
export function deleteDeliveriesOfEvents(
  db: Db,
  workspaceId: string,
  eventIds: readonly string[],
): Promise<number> {
  return countInChunks(eventIds, (chunk) =>
    db
      .deleteFrom('webhookDeliveries')
      .where('workspaceId', '=', workspaceId)
      .where('eventId', 'in', chunk)
      .executeTakeFirst(),
  );
}
