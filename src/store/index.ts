/**
 * The store's one public door: other modules import from here only.
 *
 * Each table has one file, named after it, holding its row types and every query on it (a query
 * joining tables lives with the table it serves). Besides those, the machinery: `database.ts`,
 * `open-store.ts`, `ids.ts`, `days.ts`, `constraint-errors.ts`, `in-transaction.ts`, `hit-log.ts`, `lease.ts`, `notification-changes.ts`, `engines/` and
 * `migrations/`.
 */
export * from './api-keys.js';
export * from './attachments.js';
export * from './blob-chunks.js';
export * from './blobs.js';
export * from './chat-lines.js';
export * from './consents.js';
export { isDatabaseUnavailable, isUniqueViolation } from './constraint-errors.js';
export * from './copies.js';
export type { Database, Db } from './database.js';
export * from './dev-inbox.js';
export * from './do-not-track.js';
export type { PostgresOptions } from './engines/postgres.js';
export * from './event-export.js';
export * from './events.js';
export * from './followers.js';
export * from './hit-log.js';
export * from './hit-log-position.js';
export {
  derivedId,
  idTime,
  newId,
  newSequence,
  newTrackingId,
  precedingId,
  TRACKING_ID_BYTES,
} from './ids.js';
export { inTransaction } from './in-transaction.js';
export * from './instance-settings.js';
export * from './invites.js';
export * from './jobs.js';
export type { AcquireLease, FencedHolder, Lease, LeaseOptions } from './lease.js';
export { LEASE_HEARTBEAT_MS, LEASE_STALE_MS } from './lease.js';
export * from './mailbox-states.js';
export * from './message-attachments.js';
export * from './message-links.js';
export * from './messages.js';
export type {
  FollowOptions,
  NotificationChanges,
  NotificationFollower,
} from './notification-changes.js';
export { lastNotificationSequence } from './notification-sequence.js';
export * from './notifications.js';
export { openStore, type Store } from './open-store.js';
export * from './opt-out-log.js';
export * from './password-resets.js';
export * from './rates.js';
export * from './reach-days.js';
export * from './recipients.js';
export * from './sessions.js';
export * from './submissions.js';
export * from './users.js';
export * from './webhook-deliveries.js';
export * from './webhooks.js';
export * from './workspaces.js';
