import type { Static } from 'typebox';
import type { ApiKeyList } from './api-keys/schema.js';
import type { Membership as MembershipSchema } from './auth/schema.js';
import type { InboxMail } from './dev-inbox/schema.js';
import type { MemberList } from './members/schema.js';
import type { CreateMessageBody, MessageList as MessageListSchema } from './messages/schema.js';
import type { NotificationPage as NotificationPageSchema } from './notifications/schema.js';
import type { UserView } from './presenters/account-views.js';
import type {
  AttachmentView,
  ChatLineView,
  EventView,
  MessageAttachmentView,
  MessageSummaryView,
  MessageView,
  RecipientView,
} from './presenters/message-views.js';
import type { WebhookDeliveryView, WebhookView } from './presenters/webhook-views.js';
import type { DailyStats as DailyStatsSchema } from './stats/schema.js';
import type { DoNotTrackList, SettingsView } from './workspace/schema.js';

/*
 * The API's shapes as the web app reads and sends them, derived from the route schemas: a
 * schema that changes shape changes these types, and `npm run typecheck` (which checks web/)
 * fails wherever the app no longer fits.
 *
 * The web app imports this file type-only and past api/index.ts on purpose: the types are
 * erased from its bundle, and every file this one reaches imports only typebox, the other
 * schema files and i18n's language list, so the app's typecheck loads no server runtime (no
 * Node, Fastify or database types). Keep it so: a schema file importing a presenter or the
 * store would drag the server into the web app's program.
 */

type Item<List> = List extends readonly (infer Element)[] ? Element : never;

export type Membership = Static<typeof MembershipSchema>;
export type User = Static<typeof UserView>;
export type Workspace = Membership['workspace'];
export type Role = User['role'];
export type Language = User['language'];

export type Message = Static<typeof MessageView>;
export type MessageSummary = Static<typeof MessageSummaryView>;
export type MessageList = Static<typeof MessageListSchema>;
export type MessageStatus = Message['status'];
export type MessageAttachment = Static<typeof MessageAttachmentView>;
export type Recipient = Static<typeof RecipientView>;
/** An upload's answer, before it is part of a message. */
export type UploadedAttachment = Static<typeof AttachmentView>;
/** An address as the app edits it and sends it (a message's own list reads the same way). */
export type Address = Item<Static<typeof CreateMessageBody>['to']>;

export type TrackingEvent = Static<typeof EventView>;
export type EventType = TrackingEvent['type'];
export type ChatLine = Static<typeof ChatLineView>;

export type NotificationPage = Static<typeof NotificationPageSchema>;
export type AppNotification = Item<NotificationPage['notifications']>;

export type WorkspaceSettings = Static<typeof SettingsView>;
export type RelaySettings = NonNullable<WorkspaceSettings['smtpRelay']>;
export type DoNotTrackEntry = Item<Static<typeof DoNotTrackList>['entries']>;
export type ApiKey = Item<Static<typeof ApiKeyList>['apiKeys']>;
export type Member = Item<Static<typeof MemberList>['members']>;
export type Webhook = Static<typeof WebhookView>;
export type WebhookDelivery = Static<typeof WebhookDeliveryView>;

export type DailyStats = Static<typeof DailyStatsSchema>;
export type Reach = DailyStats['totals']['opened'];

export type DevInboxMail = Static<typeof InboxMail>;
