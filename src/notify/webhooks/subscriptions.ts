import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import { fail } from '../../errors.js';
import type { Resolver } from '../../outbound/index.js';
import {
  type Db,
  failPendingDeliveries,
  findWebhook,
  insertWebhook,
  listWebhookDeliveries,
  listWebhooks,
  markWebhookDeleted,
  newId,
  type UserRow,
  type WebhookDeliveryRow,
  type WebhookFormat,
  type WebhookRow,
} from '../../store/index.js';
import { EVENT_TYPES, type EventType } from '../../vocabulary.js';
import { checkWebhookTarget } from './target.js';

export interface WebhookInput {
  readonly url: string;
  readonly events: readonly EventType[];
  readonly secret?: string;
  readonly format?: WebhookFormat;
}

/** 256 random bits; the prefix tells an admin what the string is when it turns up somewhere. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Subscribes the caller's workspace. The URL is checked here (scheme, credentials, and every
 * address its host resolves to) and again at each delivery, as DNS can change in between.
 */
export async function createWebhook(
  db: Db,
  config: Pick<Config, 'allowPrivateNetworks'>,
  user: UserRow,
  input: WebhookInput,
  resolve?: Resolver,
): Promise<WebhookRow> {
  const target = await checkWebhookTarget(input.url, {
    allowPrivate: config.allowPrivateNetworks,
    ...(resolve ? { resolve } : {}),
  });
  if (!target.ok) {
    if (target.problem === 'forbidden') fail('MB_ERR_WEBHOOK_TARGET_FORBIDDEN', target.reason);
    if (target.problem === 'unresolvable') {
      fail('MB_ERR_WEBHOOK_TARGET_UNRESOLVABLE', target.reason);
    }
    fail('MB_ERR_WEBHOOK_URL_INVALID', target.reason);
  }
  // In the catalogue's order, each once.
  const events = EVENT_TYPES.filter((type) => input.events.includes(type));
  if (events.length === 0) fail('MB_ERR_VALIDATION', 'A webhook needs at least one event type');
  const row: WebhookRow = {
    id: newId(),
    workspaceId: user.workspaceId,
    url: target.url.href,
    events,
    secret: input.secret ?? generateWebhookSecret(),
    format: input.format ?? 'json',
    createdBy: user.id,
    createdAt: Date.now(),
    disabledAt: null,
    disabledReason: null,
    consecutiveFailures: 0,
    deletedAt: null,
  };
  await insertWebhook(db, row);
  return row;
}

export function workspaceWebhooks(db: Db, user: UserRow): Promise<WebhookRow[]> {
  return listWebhooks(db, user.workspaceId);
}

/** Deletes a subscription of the caller's workspace; what it had pending is not sent. */
export async function removeWebhook(db: Db, user: UserRow, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await markWebhookDeleted(trx, user.workspaceId, id, Date.now()))) {
      fail('MB_ERR_NOT_FOUND', 'No such webhook in this workspace');
    }
    await failPendingDeliveries(trx, id, 'not sent: the subscription was deleted');
  });
}

/** A page of a subscription's delivery log, newest first; 404 outside the caller's workspace. */
export async function webhookDeliveryLog(
  db: Db,
  user: UserRow,
  id: string,
  page: { limit: number; before?: string },
): Promise<WebhookDeliveryRow[]> {
  const webhook = await findWebhook(db, user.workspaceId, id);
  if (!webhook) fail('MB_ERR_NOT_FOUND', 'No such webhook in this workspace');
  return listWebhookDeliveries(db, webhook.id, page);
}
