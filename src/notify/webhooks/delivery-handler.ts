import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { JobHandler, JobOutcome } from '../../jobs/index.js';
import type {
  Db,
  NotificationRow,
  Store,
  WebhookDeliveryRow,
  WebhookRow,
} from '../../store/index.js';
import {
  addWebhookFailure,
  findWebhookById,
  findWebhookDelivery,
  recordDeliveryAttempt,
  resetWebhookFailures,
  webhookDeliveredSince,
} from '../../store/index.js';
import { disableWebhook } from './disable.js';
import { WEBHOOK_QUEUE } from './enqueue.js';
import { type PostOutcome, postWebhook } from './post-webhook.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Waits before each retry: doubling from 30 s, capped at 8 h, 12 retries (13 attempts) over
 * about 24 h in all. After the last the delivery has failed.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  4 * MINUTE,
  8 * MINUTE,
  16 * MINUTE,
  32 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  8 * HOUR,
];

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10 * SECOND;

/** Failed deliveries in a row (each after its full day of retries) that disable a subscription. */
export const DEFAULT_DISABLE_AFTER_FAILURES = 10;

export interface WebhookDeliveryDeps {
  readonly store: Store;
  readonly config: Pick<Config, 'allowPrivateNetworks'>;
  readonly log: FastifyBaseLogger;
  readonly now?: () => number;
  readonly retryDelaysMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly disableAfterFailures?: number;
  /** Called after a subscription was disabled, with the admins' new notifications (live push). */
  readonly onAdminNotified?: (rows: readonly NotificationRow[]) => void;
}

const MAX_ERROR = 500;

/** The deps with their defaults filled in. */
interface Delivering extends WebhookDeliveryDeps {
  readonly now: () => number;
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
  readonly disableAfterFailures: number;
}

/**
 * Delivers webhook jobs (queue `webhook`, payload `{deliveryId}`). Each attempt is recorded in
 * the delivery log before the job's outcome, and only a delivery still pending is posted, so a
 * job that runs again after its delivery succeeded posts nothing. (A crash between the
 * receiver's 2xx and that record posts once more: receivers drop repeats by the delivery id.)
 */
export function webhookDeliveryHandler(deps: WebhookDeliveryDeps): JobHandler {
  const delivering: Delivering = {
    ...deps,
    now: deps.now ?? Date.now,
    retryDelaysMs: deps.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    timeoutMs: deps.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    disableAfterFailures: deps.disableAfterFailures ?? DEFAULT_DISABLE_AFTER_FAILURES,
  };
  return WEBHOOK_QUEUE.handler(({ deliveryId }) => deliver(delivering, deliveryId));
}

/** One attempt at a delivery still pending: posted, then recorded as delivered, retried or failed. */
async function deliver(deps: Delivering, deliveryId: string): Promise<JobOutcome> {
  const db = deps.store.db;
  const delivery = await findWebhookDelivery(db, deliveryId);
  if (delivery?.status !== 'pending') return { kind: 'done' };
  const webhook = await findWebhookById(db, delivery.webhookId);
  if (!webhook || webhook.deletedAt !== null || webhook.disabledAt !== null) {
    await recordDeliveryAttempt(db, delivery.id, {
      status: 'failed',
      attempts: delivery.attempts,
      responseStatus: delivery.responseStatus,
      error: 'not sent: the subscription was deleted or disabled',
      lastAttemptAt: delivery.lastAttemptAt ?? deps.now(),
    });
    return { kind: 'done' };
  }

  const attempt = delivery.attempts + 1;
  const outcome = await postWebhook(
    webhook.url,
    delivery.payload,
    {
      [SIGNATURE_HEADER]: signWebhook(webhook.secret, delivery.payload, deps.now()),
      [DELIVERY_HEADER]: delivery.id,
      [EVENT_HEADER]: delivery.eventType,
    },
    { allowPrivate: deps.config.allowPrivateNetworks, timeoutMs: deps.timeoutMs },
  );
  const at = deps.now();
  if (outcome.ok) return delivered(db, webhook, delivery, attempt, outcome, at);

  const error = (outcome.error ?? 'failed').slice(0, MAX_ERROR);
  const delay = deps.retryDelaysMs[attempt - 1];
  if (delay === undefined) return gaveUp(deps, webhook, delivery, attempt, outcome, error);
  const recorded = await recordDeliveryAttempt(db, delivery.id, {
    status: 'pending',
    attempts: attempt,
    responseStatus: outcome.status,
    error,
    lastAttemptAt: at,
  });
  if (!recorded) return { kind: 'done' };
  deps.log.info(
    { webhookId: webhook.id, deliveryId: delivery.id, attempt, status: outcome.status },
    'webhook delivery failed; will retry',
  );
  return { kind: 'retry', error, delayMs: delay };
}

/** Records the delivery as delivered; the subscription's failures in a row start again at 0. */
async function delivered(
  db: Db,
  webhook: WebhookRow,
  delivery: WebhookDeliveryRow,
  attempt: number,
  outcome: PostOutcome,
  at: number,
): Promise<JobOutcome> {
  await db.transaction().execute(async (trx) => {
    const recorded = await recordDeliveryAttempt(trx, delivery.id, {
      status: 'delivered',
      attempts: attempt,
      responseStatus: outcome.status,
      error: null,
      lastAttemptAt: at,
      deliveredAt: at,
    });
    if (recorded) await resetWebhookFailures(trx, webhook.id);
  });
  return { kind: 'done' };
}

/** The last retry failed: the delivery has failed, and the subscription may be disabled. */
async function gaveUp(
  deps: Delivering,
  webhook: WebhookRow,
  delivery: WebhookDeliveryRow,
  attempt: number,
  outcome: PostOutcome,
  error: string,
): Promise<JobOutcome> {
  const at = deps.now();
  const disabled = await deps.store.db.transaction().execute(async (trx) => {
    const recorded = await recordDeliveryAttempt(trx, delivery.id, {
      status: 'failed',
      attempts: attempt,
      responseStatus: outcome.status,
      error,
      lastAttemptAt: at,
    });
    if (!recorded) return [];
    const failures = await addWebhookFailure(trx, webhook.id);
    // Failing for a day (this delivery's retries) with nothing else getting through, or
    // failing delivery after delivery: the receiver is gone, stop knocking.
    const stuck = !(await webhookDeliveredSince(trx, webhook.id, delivery.createdAt));
    if (failures < deps.disableAfterFailures && !stuck) return [];
    return disableWebhook(trx, deps.store.notificationChanges, webhook, failures, error, at);
  });
  if (disabled.length > 0) {
    deps.log.warn(
      { webhookId: webhook.id, workspaceId: webhook.workspaceId },
      'webhook disabled after failed deliveries',
    );
    try {
      deps.onAdminNotified?.(disabled);
    } catch (error) {
      // The notifications are stored; a client that missed the push reads them on resume.
      deps.log.error({ err: error, webhookId: webhook.id }, 'pushing notifications failed');
    }
  }
  return { kind: 'failed', error };
}
