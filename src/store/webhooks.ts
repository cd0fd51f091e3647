import { type Insertable, type Selectable, sql } from 'kysely';
import { EVENT_TYPES, type EventType } from '../vocabulary.js';
import type { Db } from './database.js';

export type WebhookFormat = 'json' | 'slack';

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
/** A subscription as read: its `events` column parsed here, once, for every caller. */
export type WebhookRow = Omit<Selectable<WebhookTable>, 'events'> & { events: EventType[] };
export type NewWebhookRow = Omit<Insertable<WebhookTable>, 'events'> & {
  events: readonly EventType[];
};

export async function insertWebhook(db: Db, row: NewWebhookRow): Promise<void> {
  await db
    .insertInto('webhooks')
    .values({ ...row, events: JSON.stringify(row.events) })
    .execute();
}

/** A row as stored, its events parsed; a type this version does not know is left out. */
function readWebhook(row: Selectable<WebhookTable>): WebhookRow {
  const listed: unknown = JSON.parse(row.events);
  const events = Array.isArray(listed) ? EVENT_TYPES.filter((type) => listed.includes(type)) : [];
  return { ...row, events };
}

/** The workspace's subscriptions (deleted ones are gone for good), oldest first. */
export function listWebhooks(db: Db, workspaceId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map(readWebhook));
}

/** The workspace's subscription, unless deleted. */
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
    .executeTakeFirst()
    .then((row) => row && readWebhook(row));
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
    .execute()
    .then((rows) => rows.map(readWebhook));
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

/** Any subscription by id, deleted or disabled ones too: the one a delivery names. */
export function findWebhookById(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) => row && readWebhook(row));
}
