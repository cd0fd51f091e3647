import { startWorker, type Worker } from '../../jobs/index.js';
import { type WebhookDeliveryDeps, webhookDeliveryHandler } from './delivery-handler.js';
import { WEBHOOK_QUEUE } from './enqueue.js';

/** Deliveries posted at once: each waits on a receiver over the network. */
const CONCURRENCY = 4;

/**
 * The worker that posts queued webhook deliveries (WEBHOOK_QUEUE). `now` is the clock jobs fall
 * due by (epoch ms); `lockMs` and `pollMs` as startWorker takes them.
 */
export function startWebhookWorker(
  deps: WebhookDeliveryDeps,
  options: { readonly now?: () => number; readonly lockMs?: number; readonly pollMs?: number },
): Worker {
  return startWorker({
    store: deps.store,
    queue: WEBHOOK_QUEUE,
    log: deps.log,
    now: options.now,
    concurrency: CONCURRENCY,
    lockMs: options.lockMs,
    pollMs: options.pollMs,
    handler: webhookDeliveryHandler(deps),
  });
}
