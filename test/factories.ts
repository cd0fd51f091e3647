import { randomBytes } from 'node:crypto';
import { addressKey, messageSearchText } from '../src/mail/index.js';
import {
  type AttachmentRow,
  type Db,
  type HitLogRow,
  insertAttachment,
  insertCopies,
  insertMessage,
  insertUser,
  insertWebhook,
  insertWorkspace,
  type MessageRow,
  type NewEventRow,
  type NewUserRow,
  type NotificationRow,
  newId,
  parseAddresses,
  type RecipientRow,
  type UserRow,
  type WebhookRow,
  ZERO_COUNTERS,
} from '../src/store/index.js';
import { HttpClient } from './helpers/http-client.js';
import { type MailUrls, mailUrls } from './helpers/mail-urls.js';
import type { RelayMessage, TestRelay } from './helpers/smtp-relay.js';
import { waitUntil } from './helpers/wait.js';

let counter = 0;

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  workspace?: string;
  invite?: string;
}

export function buildSignup(overrides: Partial<SignupInput> = {}): SignupInput {
  counter += 1;
  const tag = `${counter}${randomBytes(3).toString('hex')}`;
  return {
    email: `user${tag}@example.com`,
    password: `pw-${tag}-long-enough`,
    name: `User ${tag}`,
    workspace: `Workspace ${tag}`,
    ...overrides,
  };
}

/** Signs up the first user (the workspace admin) and returns a logged-in client. */
export async function signupAdmin(baseUrl: string, overrides: Partial<SignupInput> = {}) {
  const client = new HttpClient(baseUrl);
  const input = buildSignup(overrides);
  const reply = await client.post('/api/v1/auth/signup', input);
  if (reply.status !== 201) throw new Error(`signup failed: ${reply.status} ${reply.text}`);
  return { client, input, user: reply.body.user, workspace: reply.body.workspace };
}

/** Invites a colleague through the admin's client and signs them up; returns their client. */
export async function signupMember(admin: HttpClient, role: 'admin' | 'member' = 'member') {
  const input = buildSignup({ workspace: undefined });
  const invite = await admin.post('/api/v1/invites', { email: input.email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
  const client = new HttpClient(admin.baseUrl);
  const reply = await client.post('/api/v1/auth/signup', { ...input, invite: invite.body.token });
  if (reply.status !== 201) throw new Error(`member signup failed: ${reply.status} ${reply.text}`);
  return { client, input, user: reply.body.user };
}

/** Uploads a file as multipart/form-data, like a browser's file picker would. */
export async function uploadAttachment(
  client: HttpClient,
  filename: string,
  content: Buffer | string,
  contentType = 'application/pdf',
) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: contentType }), filename);
  const response = await fetch(new URL('/api/v1/attachments', client.baseUrl), {
    method: 'POST',
    body: form,
    headers: client.cookie
      ? { cookie: client.cookie }
      : { authorization: `Bearer ${client.apiKey}` },
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * A user written straight into the store, in a new workspace unless `workspaceId` names one: for
 * tests below the HTTP layer that need an owner for their rows. The password hash is a
 * placeholder (no login).
 */
export async function insertTestUser(
  db: Db,
  overrides: Partial<NewUserRow> = {},
): Promise<UserRow> {
  counter += 1;
  const tag = `${counter}${randomBytes(3).toString('hex')}`;
  const workspaceId =
    overrides.workspaceId ??
    (await insertWorkspace(db, { id: newId(), name: `Workspace ${tag}`, createdAt: Date.now() }))
      .id;
  return insertUser(db, {
    id: newId(),
    email: `user${tag}@example.com`,
    name: `User ${tag}`,
    passwordHash: 'x',
    role: 'member',
    createdAt: Date.now(),
    ...overrides,
    workspaceId,
  });
}

export interface AddressInput {
  email: string;
  name?: string;
}

/** The body of `POST /api/v1/messages`. */
export interface MessagePayload {
  to: AddressInput[];
  cc?: AddressInput[];
  bcc?: AddressInput[];
  subject: string;
  html?: string;
  text?: string;
  attachments?: string[];
  tracking: { enabled: boolean; attachmentLinkTtlDays?: number };
  send: boolean;
}

export interface SendOptions {
  /** The relay the service delivers to: the send waits for its copies and returns them. */
  relay?: TestRelay;
  /** How many copies the relay receives (default: one per to, cc and bcc recipient). */
  mails?: number;
  /** Waits until the message is `sent`: every copy delivered and recorded as such. */
  untilSent?: boolean;
}

export interface SentMessage {
  readonly id: string;
  /** The message as the API answered the send (its recipients included). */
  readonly message: any;
  readonly recipients: any[];
  readonly payload: MessagePayload;
  /** The copies the relay received for this message, in arrival order. */
  readonly mails: RelayMessage[];
  /** The tracking URLs of the copy sent to `email` (any case); without it, of the first copy. */
  urls(email?: string): MailUrls;
}

/** The one link of a tracked message's default HTML. */
export const TRACKED_LINK = 'https://example.com/offer';

/** What a send carries unless the test says otherwise: one reader, one link, tracking on. */
export function buildTrackedMessage(overrides: Partial<MessagePayload> = {}): MessagePayload {
  return {
    to: [{ email: 'mario@example.org', name: 'Mario Rossi' }],
    subject: 'Offerta Q4',
    html: `<html><body><p><a href="${TRACKED_LINK}">Offerta</a></p></body></html>`,
    tracking: { enabled: true },
    send: true,
    ...overrides,
  };
}

/**
 * Sends a tracked message through the real API, as a user of `client`, and fails unless it is
 * accepted (201). With `relay` it waits for the copies the relay receives for it.
 */
export async function sendTrackedMessage(
  client: HttpClient,
  overrides: Partial<MessagePayload> = {},
  options: SendOptions = {},
): Promise<SentMessage> {
  const payload = buildTrackedMessage(overrides);
  const earlier = options.relay?.messages.length ?? 0;
  const reply = await client.post('/api/v1/messages', payload);
  if (reply.status !== 201) throw new Error(`send failed: ${reply.status} ${reply.text}`);
  const id: string = reply.body.id;
  const count =
    options.mails ?? payload.to.length + (payload.cc?.length ?? 0) + (payload.bcc?.length ?? 0);
  const mails = options.relay ? (await options.relay.waitFor(earlier + count)).slice(earlier) : [];
  if (options.untilSent) {
    await waitUntil(
      async () => (await client.get(`/api/v1/messages/${id}`)).body.status === 'sent',
      `message ${id} sent`,
    );
  }
  return {
    id,
    message: reply.body,
    recipients: reply.body.recipients,
    payload,
    mails,
    urls(email) {
      const mail = email
        ? mails.find((m) => m.envelope.to[0]?.toLowerCase() === email.toLowerCase())
        : mails[0];
      if (!mail) throw new Error(`no copy of message ${id} for ${email ?? 'anyone'}`);
      return mailUrls(mail.parsed);
    },
  };
}

/** A sent, tracked message row of `sender` (every column), as the store would return it. */
export function buildMessageRow(sender: UserRow, overrides: Partial<MessageRow> = {}): MessageRow {
  const now = overrides.createdAt ?? Date.now();
  const row: Omit<MessageRow, 'searchText'> = {
    id: newId(now),
    workspaceId: sender.workspaceId,
    senderId: sender.id,
    status: 'sent',
    subject: 'Offerta Q4',
    html: null,
    text: 'Offerta',
    fromEmail: null,
    fromName: null,
    toList: '[{"email":"mario@example.org"}]',
    ccList: '[]',
    bccList: '[]',
    trackingEnabled: 1,
    attachmentLinkTtlDays: 7,
    language: 'en',
    trackingPolicy: 'notice',
    aggregateId: null,
    aggregateOpens: 0,
    aggregateMachineOpens: 0,
    createdAt: now,
    updatedAt: now,
    sentAt: now,
    ...overrides,
  };
  const searchText =
    overrides.searchText ??
    messageSearchText({
      subject: row.subject,
      to: parseAddresses(row.toList),
      cc: parseAddresses(row.ccList),
      bcc: parseAddresses(row.bccList),
    });
  return { ...row, searchText };
}

/**
 * A sent, tracked message of `sender` written straight into the store, one copy per address:
 * for tests of the tables that hang off a message (recipients, events, chat lines).
 */
export async function insertTestMessage(
  db: Db,
  sender: UserRow,
  emails: readonly string[] = ['mario@example.org'],
  overrides: Partial<MessageRow> = {},
  /** Columns the messages table did not have yet (a migration's test writes rows as they were). */
  laterColumns: readonly (keyof MessageRow)[] = [],
): Promise<{ messageId: string; recipients: RecipientRow[] }> {
  const message = buildMessageRow(sender, {
    toList: JSON.stringify(emails.map((email) => ({ email }))),
    ...overrides,
  });
  const { id: messageId, workspaceId } = message;
  const now = message.createdAt;
  const then = Object.fromEntries(
    Object.entries(message).filter(
      ([column]) => !laterColumns.includes(column as keyof MessageRow),
    ),
  );
  await insertMessage(db, then as MessageRow);
  const recipients: RecipientRow[] = emails.map((email, position) => ({
    id: newId(),
    messageId,
    workspaceId,
    copyId: newId(),
    email,
    emailKey: addressKey(email) ?? email,
    name: null,
    kind: 'to',
    position,
    tracked: 1,
    notTrackedReason: null,
    trackingId: randomBytes(8).toString('base64url'),
    delivery: 'sent',
    smtpResponse: null,
    ...ZERO_COUNTERS,
    lastEventAt: null,
    optedOutAt: null,
    erasedAt: null,
    replied: 0,
  }));
  await insertCopies(
    db,
    recipients.map((recipient) => ({
      id: recipient.copyId,
      messageId,
      workspaceId,
      tracked: 1,
      messageIdHeader: `<${recipient.copyId}@example.net>`,
      status: 'sent',
      attempts: 1,
      smtpResponse: '250 OK',
      lastAttemptAt: now,
      sentAt: now,
    })),
    recipients,
  );
  return { messageId, recipients };
}

/** An uploaded attachment's row in `uploader`'s workspace, written straight into the store. */
export function insertTestAttachment(
  db: Db,
  uploader: UserRow,
  overrides: Partial<AttachmentRow> = {},
): Promise<AttachmentRow> {
  return insertAttachment(db, {
    id: newId(),
    workspaceId: uploader.workspaceId,
    uploadedBy: uploader.id,
    filename: 'offerta.pdf',
    contentType: 'application/pdf',
    size: 1234,
    sha256: 'a'.repeat(64),
    createdAt: Date.now(),
    ...overrides,
  });
}

/** A webhook subscription of `owner`'s workspace (every column), written straight into the store. */
export async function insertTestWebhook(
  db: Db,
  owner: UserRow,
  overrides: Partial<WebhookRow> = {},
): Promise<WebhookRow> {
  const row: WebhookRow = {
    id: newId(),
    workspaceId: owner.workspaceId,
    url: 'https://hooks.example.com/mailbeacon',
    events: ['open', 'click'],
    secret: 'whsec_test',
    format: 'json',
    createdBy: owner.id,
    createdAt: Date.now(),
    disabledAt: null,
    disabledReason: null,
    consecutiveFailures: 0,
    deletedAt: null,
    ...overrides,
  };
  await insertWebhook(db, row);
  return row;
}

/** A recipient's event (a person's open at `at`, unless overridden), ready for insertEventRows. */
export function buildEventRow(
  recipient: RecipientRow,
  at: number,
  overrides: Partial<NewEventRow> = {},
): NewEventRow {
  return {
    id: newId(at),
    workspaceId: recipient.workspaceId,
    messageId: recipient.messageId,
    recipientId: recipient.id,
    type: 'open',
    at,
    method: 'GET',
    classification: 'human',
    inferred: 0,
    ...overrides,
  };
}

/** A notification for `user` at `at` (a workspace-level one, about no message), with its change sequence. */
export function buildNotificationRow(
  user: { id: string; workspaceId: string },
  at: number,
  seq: string,
  overrides: Partial<NotificationRow> = {},
): NotificationRow {
  return {
    id: newId(at),
    workspaceId: user.workspaceId,
    userId: user.id,
    messageId: null,
    eventId: null,
    type: 'webhook_disabled',
    fact: JSON.stringify({ kind: 'legacy', data: { text: 'A subscription was disabled' } }),
    classification: null,
    at,
    count: 1,
    foldKey: null,
    read: 0,
    seq,
    retracted: 0,
    ...overrides,
  };
}

/** A raw hit as the request path appends it: a mail client's open at `at`, unless overridden. */
export function buildHitLogRow(at: number, overrides: Partial<HitLogRow> = {}): HitLogRow {
  return {
    id: newId(at),
    at,
    workspaceId: 'w',
    messageId: 'm',
    recipientId: 'r',
    type: 'open',
    linkIdx: null,
    attachmentId: null,
    method: 'GET',
    ip: null,
    userAgent: null,
    headers: null,
    senderSession: 0,
    ...overrides,
  };
}
