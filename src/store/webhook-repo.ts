import { sql } from 'kysely';
import type { Db } from './database.js';
import type {
  NewWebhookDeliveryRow,
  NewWebhookRow,
  WebhookDeliveryRow,
  WebhookDeliveryStatus,
  WebhookRow,
} from './webhooks.js';

export async function insertWebhook(db: Db, row: NewWebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

/** The workspace's subscriptions (deleted ones are gone for good), oldest first. */
export function listWebhooks(db: Db, workspaceId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute();
}

export function findWebhook(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/** Subscriptions that still receive: neither deleted nor disabled. */
export function listActiveWebhooks(db: Db, workspaceIds: readonly string[]): Promise<WebhookRow[]> {
  if (workspaceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('workspaceId', 'in', workspaceIds)
    .where('deletedAt', 'is', null)
    .where('disabledAt', 'is', null)
    .orderBy('id')
    .execute();
}

/** Soft delete: the row stays for its deliveries' sake. True when something was deleted. */
export async function markWebhookDeleted(
  db: Db,
  workspaceId: string,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ deletedAt: at })
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Disables once: true only for the caller that actually disabled it. */
export async function markWebhookDisabled(
  db: Db,
  id: string,
  at: number,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ disabledAt: at, disabledReason: reason })
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Counts one more delivery that failed for good; returns the new count. */
export async function addWebhookFailure(db: Db, id: string): Promise<number> {
  await db
    .updateTable('webhooks')
    .set({ consecutiveFailures: sql<number>`consecutive_failures + 1` })
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('webhooks')
    .select('consecutiveFailures')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row?.consecutiveFailures ?? 0);
}

export async function resetWebhookFailures(db: Db, id: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ consecutiveFailures: 0 })
    .where('id', '=', id)
    .where('consecutiveFailures', '<>', 0)
    .execute();
}

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

export function findWebhookById(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
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

/** Committed events by id, as they are now (their labels settled), in id order. */
export function listEventsForWebhooks(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/** What a payload tells about an event besides the event row: its message, recipient, target. */
export interface WebhookEventContext {
  readonly messages: Map<string, { subject: string; language: string }>;
  readonly recipients: Map<string, { email: string; name: string | null }>;
  /** `${messageId}:${idx}` → URL. */
  readonly links: Map<string, string>;
  readonly attachments: Map<string, string>;
}

export async function loadWebhookEventContext(
  db: Db,
  events: readonly {
    messageId: string;
    recipientId: string;
    linkIdx?: number | null;
    attachmentId?: string | null;
  }[],
): Promise<WebhookEventContext> {
  const messageIds = [...new Set(events.map((e) => e.messageId))];
  const recipientIds = [...new Set(events.map((e) => e.recipientId))];
  const linkMessageIds = [
    ...new Set(events.filter((e) => e.linkIdx != null).map((e) => e.messageId)),
  ];
  const attachmentIds = [
    ...new Set(events.flatMap((e) => (e.attachmentId ? [e.attachmentId] : []))),
  ];
  const messages =
    messageIds.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .select(['id', 'subject', 'language'])
          .where('id', 'in', messageIds)
          .execute();
  const recipients =
    recipientIds.length === 0
      ? []
      : await db
          .selectFrom('recipients')
          .select(['id', 'email', 'name'])
          .where('id', 'in', recipientIds)
          .execute();
  const links =
    linkMessageIds.length === 0
      ? []
      : await db
          .selectFrom('messageLinks')
          .selectAll()
          .where('messageId', 'in', linkMessageIds)
          .execute();
  const attachments =
    attachmentIds.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'filename'])
          .where('id', 'in', attachmentIds)
          .execute();
  return {
    messages: new Map(messages.map((m) => [m.id, { subject: m.subject, language: m.language }])),
    recipients: new Map(recipients.map((r) => [r.id, { email: r.email, name: r.name }])),
    links: new Map(links.map((l) => [`${l.messageId}:${l.idx}`, l.url])),
    attachments: new Map(attachments.map((a) => [a.id, a.filename])),
  };
}

/** The workspace's admins, who hear about a subscription being disabled. */
export function listWorkspaceAdmins(db: Db, workspaceId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'language'])
    .where('workspaceId', '=', workspaceId)
    .where('role', '=', 'admin')
    .orderBy('id')
    .execute();
}
