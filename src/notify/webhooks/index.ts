export {
  DEFAULT_DISABLE_AFTER_FAILURES,
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  type WebhookDeliveryDeps,
  webhookDeliveryHandler,
} from './delivery-handler.js';
export { shownWebhookUrl, WEBHOOK_DISABLED_NOTIFICATION } from './disable.js';
export {
  deliveryIdFor,
  enqueueWebhookDeliveries,
  enqueueWebhooksForEvents,
  WEBHOOK_QUEUE,
} from './enqueue.js';
export {
  escapeSlack,
  formatWants,
  jsonPayload,
  slackText,
  type WebhookEvent,
} from './payload.js';
export { type PostOptions, type PostOutcome, postWebhook } from './post-webhook.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  type SignatureCheck,
  signWebhook,
  verifyWebhookSignature,
} from './signature.js';
export {
  createWebhook,
  generateWebhookSecret,
  removeWebhook,
  type WebhookInput,
  webhookDeliveryLog,
  workspaceWebhooks,
} from './subscriptions.js';
export { checkTargetUrl, checkWebhookTarget, type TargetCheck } from './target.js';
export { startWebhookWorker } from './webhook-worker.js';
