// The API's shapes as the app reads and sends them: derived from the server's route schemas
// (src/api/contract.ts), never copied, so `npm run typecheck` fails where the app and the API
// part. A type-only import: nothing of the server reaches the bundle.

export type {
  Address,
  ApiKey,
  AppNotification,
  ChatLine,
  DailyStats,
  DevInboxMail,
  DoNotTrackEntry,
  Endpoints,
  ErrorReply,
  EventType,
  Language,
  Member,
  Membership,
  Message,
  MessageAttachment,
  MessageList,
  MessageSummary,
  MessageWarning,
  NotificationPage,
  Reach,
  Recipient,
  RelaySettings,
  Role,
  TrackingEvent,
  UploadedAttachment,
  Webhook,
  WebhookDelivery,
  WorkspaceSettings,
} from '../../../src/api/contract';
