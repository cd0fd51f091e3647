import type { Static, TSchema } from 'typebox';
import { ApiKeyList, CreateApiKeyBody, CreatedApiKey } from './api-keys/schema.js';
import {
  ChangePasswordBody,
  LoginBody,
  Membership as MembershipSchema,
  PasswordResetAccepted,
  PasswordResetBody,
  PasswordResetConfirmBody,
  ProfileBody,
  SignupBody,
} from './auth/schema.js';
import { ConsentBody, ConsentList, ConsentView } from './consents/schema.js';
import { InboxList, InboxMail, InboxQuery } from './dev-inbox/schema.js';
import {
  CreatedInvite,
  CreateInviteBody,
  InviteDetails,
  InviteLookupBody,
  PendingInvites,
} from './invites/schema.js';
import { MemberList } from './members/schema.js';
import {
  AttachmentLinkBody,
  ChatLines,
  CheckMessageBody,
  CreateMessageBody,
  EventList,
  EventsQuery,
  MessageCheck,
  MessageListQuery,
  MessageList as MessageListSchema,
  UpdateMessageBody,
} from './messages/schema.js';
import {
  ChatNoteBody,
  Following,
  MuteBody,
  Muted,
  NotificationPage as NotificationPageSchema,
  NotificationsQuery,
  ReadBody,
  Unread,
} from './notifications/schema.js';
import { OptOutPage as OptOutPageSchema, OptOutQuery } from './opt-outs/schema.js';
import type { UserView } from './presenters/account-views.js';
import {
  type AttachmentView,
  ChatLineView,
  type EventView,
  MessageAttachmentView,
  type MessageSummaryView,
  MessageView,
  type RecipientView,
} from './presenters/message-views.js';
import { type WebhookDeliveryView, WebhookView } from './presenters/webhook-views.js';
import { Erasure } from './recipients/schema.js';
import { type ErrorBody, NoContent } from './schemas.js';
import {
  DailyQuery,
  DailyStats as DailyStatsSchema,
  RatesQuery,
  Rates as RatesSchema,
} from './stats/schema.js';
import {
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryList,
  WebhookList,
} from './webhooks/schema.js';
import {
  DoNotTrackBody,
  DoNotTrackEntry as DoNotTrackEntrySchema,
  DoNotTrackList,
  SettingsPatchBody,
  SettingsView,
} from './workspace/schema.js';

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
export type MessageWarning = Item<Message['warnings']>;
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
export type OptOutPage = Static<typeof OptOutPageSchema>;
export type OptOutEntry = Item<OptOutPage['optOuts']>;
export type ApiKey = Item<Static<typeof ApiKeyList>['apiKeys']>;
export type Member = Item<Static<typeof MemberList>['members']>;
export type Webhook = Static<typeof WebhookView>;
export type WebhookDelivery = Static<typeof WebhookDeliveryView>;

export type DailyStats = Static<typeof DailyStatsSchema>;
export type Reach = DailyStats['totals']['opened'];
export type Rates = Static<typeof RatesSchema>;
export type MessageRates = NonNullable<Rates['messages']>[number];
export type SenderRates = NonNullable<Rates['senders']>[number];

export type DevInboxMail = Static<typeof InboxMail>;
/** The body of every refusal. */
export type ErrorReply = Static<typeof ErrorBody>;

/**
 * The JSON endpoints the web app calls, by method and path template as each route declares
 * it, with the schemas of what the route takes (`query`, `body`) and answers (`reply`, its
 * success). The app's client (web/src/lib/api.ts) types every call from this map: a wrong
 * field in a body, a missing param or a reply read the wrong way fails the typecheck.
 * An endpoint added to the app is added here with the schemas its route uses; a test
 * (test/integration/api/contract.test.ts) checks that each one is a route the server has.
 */
export const ENDPOINT_SCHEMAS = {
  'POST /api/v1/auth/signup': { body: SignupBody, reply: MembershipSchema },
  'POST /api/v1/auth/login': { body: LoginBody, reply: MembershipSchema },
  'POST /api/v1/auth/logout': { reply: NoContent },
  'GET /api/v1/auth/me': { reply: MembershipSchema },
  'PATCH /api/v1/auth/me': { body: ProfileBody, reply: MembershipSchema },
  'PUT /api/v1/auth/password': { body: ChangePasswordBody, reply: NoContent },
  'POST /api/v1/auth/password-reset': { body: PasswordResetBody, reply: PasswordResetAccepted },
  'POST /api/v1/auth/password-reset/confirm': { body: PasswordResetConfirmBody, reply: NoContent },

  'GET /api/v1/messages': { query: MessageListQuery, reply: MessageListSchema },
  'POST /api/v1/messages': { body: CreateMessageBody, reply: MessageView },
  'POST /api/v1/messages/check': { body: CheckMessageBody, reply: MessageCheck },
  'GET /api/v1/messages/:id': { reply: MessageView },
  'PATCH /api/v1/messages/:id': { body: UpdateMessageBody, reply: MessageView },
  'DELETE /api/v1/messages/:id': { reply: NoContent },
  'POST /api/v1/messages/:id/send': { reply: MessageView },
  'GET /api/v1/messages/:id/events': { query: EventsQuery, reply: EventList },
  'GET /api/v1/messages/:id/chat': { reply: ChatLines },
  'POST /api/v1/messages/:id/chat': { body: ChatNoteBody, reply: ChatLineView },
  'PATCH /api/v1/messages/:id/attachments/:attachmentId': {
    body: AttachmentLinkBody,
    reply: MessageAttachmentView,
  },
  'PUT /api/v1/messages/:id/notifications': { body: MuteBody, reply: Muted },
  'PUT /api/v1/messages/:id/follow': { reply: Following },
  'DELETE /api/v1/messages/:id/follow': { reply: Following },

  'GET /api/v1/notifications': {
    query: NotificationsQuery,
    reply: NotificationPageSchema,
  },
  'POST /api/v1/notifications/read': { body: ReadBody, reply: Unread },
  'POST /api/v1/notifications/:id/read': { reply: Unread },

  'GET /api/v1/stats/daily': { query: DailyQuery, reply: DailyStatsSchema },
  'GET /api/v1/stats/rates': { query: RatesQuery, reply: RatesSchema },

  'GET /api/v1/workspace/settings': { reply: SettingsView },
  'PATCH /api/v1/workspace/settings': {
    body: SettingsPatchBody,
    reply: SettingsView,
  },
  'GET /api/v1/workspace/members': { reply: MemberList },
  'DELETE /api/v1/workspace/members/:id': { reply: NoContent },
  'POST /api/v1/invites': { body: CreateInviteBody, reply: CreatedInvite },
  'GET /api/v1/invites': { reply: PendingInvites },
  'DELETE /api/v1/invites/:id': { reply: NoContent },
  'POST /api/v1/auth/invite': { body: InviteLookupBody, reply: InviteDetails },
  'GET /api/v1/do-not-track': { reply: DoNotTrackList },
  'POST /api/v1/do-not-track': { body: DoNotTrackBody, reply: DoNotTrackEntrySchema },
  'DELETE /api/v1/do-not-track/:entry': { reply: NoContent },
  'GET /api/v1/opt-outs': { query: OptOutQuery, reply: OptOutPageSchema },
  'GET /api/v1/consents': { reply: ConsentList },
  'POST /api/v1/consents': { body: ConsentBody, reply: ConsentView },
  'DELETE /api/v1/consents/:email': { reply: NoContent },
  'DELETE /api/v1/recipients/:email': { reply: Erasure },

  'GET /api/v1/api-keys': { reply: ApiKeyList },
  'POST /api/v1/api-keys': { body: CreateApiKeyBody, reply: CreatedApiKey },
  'DELETE /api/v1/api-keys/:id': { reply: NoContent },

  'GET /api/v1/webhooks': { reply: WebhookList },
  'POST /api/v1/webhooks': { body: CreateWebhookBody, reply: WebhookView },
  'DELETE /api/v1/webhooks/:id': { reply: NoContent },
  'GET /api/v1/webhooks/:id/deliveries': {
    query: DeliveriesQuery,
    reply: DeliveryList,
  },

  'GET /api/v1/dev/inbox': { query: InboxQuery, reply: InboxList },
  'GET /api/v1/dev/inbox/:id': { reply: InboxMail },
} satisfies Record<
  string,
  { readonly query?: TSchema; readonly body?: TSchema; readonly reply: TSchema }
>;
type EndpointSchemas = typeof ENDPOINT_SCHEMAS;

/** Each endpoint's query, body and reply as values: the Static type of each schema. */
export type Endpoints = {
  readonly [Endpoint in keyof EndpointSchemas]: {
    readonly [Part in keyof EndpointSchemas[Endpoint]]: EndpointSchemas[Endpoint][Part] extends TSchema
      ? Static<EndpointSchemas[Endpoint][Part]>
      : never;
  };
};
