import type { Migration, MigrationProvider } from 'kysely';
import * as accounts from './2026_11_27_000000_accounts.js';
import * as messages from './2026_11_27_010000_messages.js';
import * as events from './2026_11_27_020000_events.js';
import * as notifications from './2026_11_27_030000_notifications.js';
import * as hotPathIndexes from './2026_11_28_000000_hot_path_indexes.js';
import * as hitLog from './2026_11_30_000000_hit_log.js';
import * as hitLogPosition from './2026_11_30_010000_hit_log_position.js';
import * as oneRecipientIndex from './2026_11_30_020000_one_recipient_index.js';
import * as hotQueryIndexes from './2026_11_30_030000_hot_query_indexes.js';
import * as notificationSequence from './2026_11_30_100000_notification_sequence.js';
import * as blobChunks from './2026_12_01_000000_blob_chunks.js';
import * as addressKeys from './2026_12_02_010000_address_keys.js';
import * as optOutLog from './2026_12_02_010100_opt_out_log.js';
import * as retentionAndErasure from './2026_12_02_020000_retention_and_erasure.js';
import * as trackingPolicy from './2026_12_02_040000_tracking_policy.js';
import * as postgresBatchWrites from './2026_12_03_000000_postgres_batch_writes.js';
import * as removedMembers from './2026_12_03_001000_removed_members.js';
import * as devInboxWorkspace from './2026_12_03_020000_dev_inbox_workspace.js';
import * as chatLineFolds from './2026_12_03_060000_chat_line_folds.js';
import * as passwordResets from './2026_12_03_080000_password_resets.js';
import * as retractedNotifications from './2026_12_04_040000_retracted_notifications.js';
import * as submissions from './2026_12_04_041000_submissions.js';
import * as trackingDefault from './2026_12_04_042000_tracking_default.js';
import * as attachmentReferences from './2026_12_04_043000_attachment_references.js';
import * as sharedMailbox from './2026_12_04_044000_shared_mailbox.js';
import * as lineFacts from './2026_12_04_060000_line_facts.js';
import * as messageSearch from './2026_12_05_010000_message_search.js';
import * as notificationLabels from './2026_12_05_020000_notification_labels.js';
import * as jobGroups from './2026_12_05_030000_job_groups.js';

/**
 * The migrations, listed by name in order. A static list (not a folder scan) so that the same
 * set runs from `src/` under tsx and from the compiled `dist/`.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_27_000000_accounts': accounts,
  '2026_11_27_010000_messages': messages,
  '2026_11_27_020000_events': events,
  '2026_11_27_030000_notifications': notifications,
  '2026_11_28_000000_hot_path_indexes': hotPathIndexes,
  '2026_11_30_000000_hit_log': hitLog,
  '2026_11_30_010000_hit_log_position': hitLogPosition,
  '2026_11_30_020000_one_recipient_index': oneRecipientIndex,
  '2026_11_30_030000_hot_query_indexes': hotQueryIndexes,
  '2026_11_30_100000_notification_sequence': notificationSequence,
  '2026_12_01_000000_blob_chunks': blobChunks,
  '2026_12_02_010000_address_keys': addressKeys,
  '2026_12_02_010100_opt_out_log': optOutLog,
  '2026_12_02_020000_retention_and_erasure': retentionAndErasure,
  '2026_12_02_040000_tracking_policy': trackingPolicy,
  '2026_12_03_000000_postgres_batch_writes': postgresBatchWrites,
  '2026_12_03_001000_removed_members': removedMembers,
  '2026_12_03_020000_dev_inbox_workspace': devInboxWorkspace,
  '2026_12_03_060000_chat_line_folds': chatLineFolds,
  '2026_12_03_080000_password_resets': passwordResets,
  '2026_12_04_040000_retracted_notifications': retractedNotifications,
  '2026_12_04_041000_submissions': submissions,
  '2026_12_04_042000_tracking_default': trackingDefault,
  '2026_12_04_043000_attachment_references': attachmentReferences,
  '2026_12_04_044000_shared_mailbox': sharedMailbox,
  '2026_12_04_060000_line_facts': lineFacts,
  '2026_12_05_010000_message_search': messageSearch,
  '2026_12_05_020000_notification_labels': notificationLabels,
  '2026_12_05_030000_job_groups': jobGroups,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
