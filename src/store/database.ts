import type { Kysely, Transaction } from 'kysely';
import type { ApiKeyTable } from './api-keys.js';
import type { AttachmentTable } from './attachments.js';
import type { BlobChunkTable } from './blob-chunks.js';
import type { BlobTable } from './blobs.js';
import type { ChatLineTable } from './chat-lines.js';
import type { ConsentTable } from './consents.js';
import type { CopyTable } from './copies.js';
import type { DevInboxTable } from './dev-inbox.js';
import type { DoNotTrackTable } from './do-not-track.js';
import type { EventTable } from './events.js';
import type { FollowerTable } from './followers.js';
import type { HitLogTable } from './hit-log.js';
import type { HitLogPositionTable } from './hit-log-position.js';
import type { InstanceSettingTable } from './instance-settings.js';
import type { InviteTable } from './invites.js';
import type { JobTable } from './jobs.js';
import type { MailboxStateTable } from './mailbox-states.js';
import type { MessageAttachmentTable } from './message-attachments.js';
import type { MessageLinkTable } from './message-links.js';
import type { MessageTable } from './messages.js';
import type { NotificationSequenceTable } from './notification-sequence.js';
import type { NotificationTable } from './notifications.js';
import type { OptOutLogTable } from './opt-out-log.js';
import type { PasswordResetTable } from './password-resets.js';
import type { ReachDayTable, ReachLastDayTable } from './reach-days.js';
import type { RecipientTable } from './recipients.js';
import type { SessionTable } from './sessions.js';
import type { SubmissionTable } from './submissions.js';
import type { UserTable } from './users.js';
import type { WebhookDeliveryTable } from './webhook-deliveries.js';
import type { WebhookTable } from './webhooks.js';
import type { WorkspaceTable } from './workspaces.js';

/**
 * The schema as the application sees it: camelCase names, mapped to the snake_case tables by
 * Kysely's CamelCasePlugin, so snake_case never leaves `src/store`.
 */
export interface Database {
  workspaces: WorkspaceTable;
  users: UserTable;
  sessions: SessionTable;
  apiKeys: ApiKeyTable;
  invites: InviteTable;
  passwordResets: PasswordResetTable;
  instanceSettings: InstanceSettingTable;
  blobs: BlobTable;
  blobChunks: BlobChunkTable;
  attachments: AttachmentTable;
  messages: MessageTable;
  submissions: SubmissionTable;
  messageAttachments: MessageAttachmentTable;
  messageLinks: MessageLinkTable;
  copies: CopyTable;
  recipients: RecipientTable;
  jobs: JobTable;
  chatLines: ChatLineTable;
  doNotTrack: DoNotTrackTable;
  optOutLog: OptOutLogTable;
  consents: ConsentTable;
  devInbox: DevInboxTable;
  events: EventTable;
  hitLog: HitLogTable;
  hitLogPosition: HitLogPositionTable;
  followers: FollowerTable;
  notifications: NotificationTable;
  notificationSequence: NotificationSequenceTable;
  webhooks: WebhookTable;
  webhookDeliveries: WebhookDeliveryTable;
  mailboxStates: MailboxStateTable;
  reachDays: ReachDayTable;
  reachLastDays: ReachLastDayTable;
}

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
