// The API's shapes as the app reads them (see /api/docs/json for the full contract).

export type Language = 'en' | 'it';
export type Role = 'admin' | 'member';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
  createdAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

export interface Membership {
  user: User;
  workspace: Workspace;
}

export interface Address {
  email: string;
  name?: string | null;
}

export type MessageStatus = 'draft' | 'queued' | 'sending' | 'sent' | 'partially_failed' | 'failed';
export type Delivery = 'queued' | 'sending' | 'sent' | 'deferred' | 'rejected' | 'failed';

export interface Recipient {
  id: string;
  email: string;
  name: string | null;
  kind: 'to' | 'cc' | 'bcc';
  tracked: boolean;
  notTrackedReason: 'tracking_off' | 'do_not_track' | null;
  delivery: Delivery;
  smtpResponse?: string;
  /** People's counts: human and proxy events, inferred opens included; the team's own never. */
  opens: number;
  clicks: number;
  downloads: number;
  /** Machines' events (privacy prefetch, security scanners, link checkers), counted apart. */
  machine: MachineCounts;
  lastEventAt: string | null;
}

export interface MachineCounts {
  opens: number;
  clicks: number;
  downloads: number;
}

export interface MessageSummary {
  id: string;
  status: MessageStatus;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  tracking: { enabled: boolean; attachmentLinkTtlDays: number };
  createdAt: string;
  sentAt: string | null;
  recipients: Recipient[];
}

export interface MessageAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  expiresAt: string | null;
  revoked: boolean;
}

export interface Message extends MessageSummary {
  html: string | null;
  text: string | null;
  attachments: MessageAttachment[];
  notifications: { muted: boolean };
  /** Arrives with the notifications API; absent before. */
  following?: boolean;
}

export interface MessageList {
  messages: MessageSummary[];
  cursor: string | null;
}

export interface UploadedAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
}

export type EventType = 'open' | 'click' | 'download' | 'expired_access' | 'opt_out';
export type Classification = 'human' | 'proxy' | 'machine' | 'self';

export interface TrackingEvent {
  id: string;
  type: EventType;
  at: string;
  recipient: { id: string; email: string };
  classification: Classification;
  reason: string | null;
  inferred: boolean;
  method?: string;
  link?: { url: string };
  attachment?: { id: string; filename: string };
  ip?: string;
  userAgent?: string;
  client?: {
    browser: string | null;
    browserVersion: string | null;
    os: string | null;
    osVersion: string | null;
    device: string | null;
  };
}

export interface ChatLine {
  id: string;
  at: string;
  author: { id: string; name?: string } | 'system';
  kind: string;
  text: string;
  data: Record<string, unknown> | null;
}

export interface AppNotification {
  id: string;
  at: string;
  messageId: string | null;
  eventId: string | null;
  type: string;
  text: string;
  read: boolean;
  count?: number;
}

export interface NotificationPage {
  notifications: AppNotification[];
  cursor: string | null;
  unread?: number;
}

export interface RelaySettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username: string | null;
  passwordSet: boolean;
  allowInvalidCertificate: boolean;
}

export interface WorkspaceSettings {
  defaultSender: { email: string; name?: string } | null;
  smtpRelay: RelaySettings | null;
  privacyNotice: { enabled: boolean; text: string | null };
  notifyOnMachineEvents: boolean;
  internalNetworks: string[];
  doNotTrack: string[];
}

export interface DoNotTrackEntry {
  entry: string;
  source: 'admin' | 'opt_out';
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  last4: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: EventType[];
  format: 'json' | 'slack';
  secret: string;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventId: string | null;
  eventType: EventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface Reach {
  people: number;
  machines: number;
}

export interface DayCounts {
  sent: number;
  opened: Reach;
  clicked: Reach;
  downloaded: Reach;
}

export interface DailyStats {
  days: (DayCounts & { date: string })[];
  totals: DayCounts;
}

export interface DevInboxMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  receivedAt: string;
}
