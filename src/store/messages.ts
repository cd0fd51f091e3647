import { type Generated, type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { TrackingPolicy } from '../vocabulary.js';
import type { Db } from './database.js';
import { dayOf } from './days.js';

export type MessageStatus = 'draft' | 'queued' | 'sending' | 'sent' | 'partially_failed' | 'failed';

export interface Address {
  email: string;
  name?: string;
}

export interface MessageTable {
  id: string;
  workspaceId: string;
  senderId: string;
  status: MessageStatus;
  subject: string;
  html: string | null;
  text: string | null;
  /** The From chosen at send time (the user, or the workspace's sender); null on drafts. */
  fromEmail: string | null;
  fromName: string | null;
  /** JSON arrays of {email, name?}. */
  toList: string;
  ccList: string;
  bccList: string;
  /**
   * The subject and the To/Cc/Bcc addresses and names, folded in JavaScript when written
   * (`messageSearchText`, src/mail/search-text.ts): what the sent list's search compares.
   */
  searchText: string;
  trackingEnabled: number;
  attachmentLinkTtlDays: number;
  /** The sender's language at send time: the download block and notice speak it. */
  language: string;
  /** The workspace's tracking policy when the message was sent; null on drafts. */
  trackingPolicy: TrackingPolicy | null;
  /** The random id the shared pixel of a message sent under `aggregate` carries; else null. */
  aggregateId: string | null;
  /** A message sent under `aggregate`: its people's opens in total (human and proxy). */
  aggregateOpens: Generated<number>;
  /** …and the machines' (prefetchers, scanners), counted apart. */
  aggregateMachineOpens: Generated<number>;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}
export type MessageRow = Selectable<MessageTable>;
export type NewMessageRow = Insertable<MessageTable>;
export type MessageUpdate = Updateable<MessageTable>;

export function parseAddresses(json: string): Address[] {
  return JSON.parse(json) as Address[];
}

export async function insertMessage(db: Db, row: NewMessageRow): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export function findMessage(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findMessageById(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a notification says of a message. */
export type NoticeMessage = Pick<MessageRow, 'id' | 'workspaceId' | 'subject' | 'language'>;

/** Messages by id as notifications speak of them (not their bodies). */
export async function findNoticeMessages(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, NoticeMessage>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'workspaceId', 'subject', 'language'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Updates the message only while it has the expected status; false when it has moved on. */
export async function updateMessageIfStatus(
  db: Db,
  id: string,
  expected: MessageStatus,
  update: MessageUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set(update)
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setMessageStatus(db: Db, id: string, status: MessageStatus): Promise<void> {
  await db
    .updateTable('messages')
    .set({ status, updatedAt: Date.now() })
    .where('id', '=', id)
    .execute();
}

/** Whether a message's recipients did something: at least one did (true), or none (false). */
type AnyRecipient = boolean;

export interface MessagePage {
  readonly status?: MessageStatus;
  /** Drafts only (true), or every message but drafts (false). */
  readonly draft?: boolean;
  /**
   * Text the message's search text holds (`messageSearchText`), already folded the same way
   * (`foldForSearch`); `%`, `_` and `\` in it are taken literally.
   */
  readonly search?: string;
  /** A person opened it (human or proxy, inferred opens included; the aggregate's total too). */
  readonly opened?: AnyRecipient;
  /** A person clicked one of its links. */
  readonly clicked?: AnyRecipient;
  /** A recipient replied (automatic replies left out). */
  readonly replied?: AnyRecipient;
  readonly trackingEnabled?: boolean;
  readonly senderId?: string;
  readonly limit: number;
  /** Messages older than this id (ids are time-ordered). */
  readonly before?: string;
}

/** A LIKE pattern matching `text` anywhere, its `%`, `_` and `\` taken literally (ESCAPE '\'). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listMessages(
  db: Db,
  workspaceId: string,
  page: MessagePage,
): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.status) query = query.where('status', '=', page.status);
  if (page.draft !== undefined) query = query.where('status', page.draft ? '=' : '<>', 'draft');
  if (page.search !== undefined) {
    // Both sides are folded already: neither engine's own case rules take part.
    const pattern = containsPattern(page.search);
    query = query.where(
      sql<boolean>`${sql.ref('messages.searchText')} like ${pattern} escape '\\'`,
    );
  }
  if (page.trackingEnabled !== undefined) {
    query = query.where('trackingEnabled', '=', page.trackingEnabled ? 1 : 0);
  }
  if (page.senderId !== undefined) query = query.where('senderId', '=', page.senderId);
  const counters = [
    ['opens', page.opened],
    ['clicks', page.clicked],
    ['replied', page.replied],
  ] as const;
  for (const [column, wanted] of counters) {
    if (wanted === undefined) continue;
    query = query.where(({ eb, exists, not, or, selectFrom }) => {
      const someRecipient = exists(
        selectFrom('recipients')
          .select('recipients.id')
          .whereRef('recipients.messageId', '=', 'messages.id')
          .where(`recipients.${column}`, '>', 0),
      );
      // Under the `aggregate` policy no recipient has counters: the message's total says it.
      const any =
        column === 'opens' ? or([someRecipient, eb('aggregateOpens', '>', 0)]) : someRecipient;
      return wanted ? any : not(any);
    });
  }
  if (page.before) query = query.where('id', '<', page.before);
  return query.execute();
}

/** Writes the message row (its update time): within a transaction, holds it until the commit. */
export async function touchMessage(db: Db, id: string): Promise<void> {
  await db.updateTable('messages').set({ updatedAt: Date.now() }).where('id', '=', id).execute();
}

export interface DailySent {
  /** Days since the epoch (UTC). */
  readonly day: number;
  readonly sent: number;
}

/**
 * Messages sent per UTC day from `since` (epoch ms) on, and before `until` when given, days
 * without any left out.
 */
export async function sentPerDay(
  db: Db,
  workspaceId: string,
  since: number,
  until?: number,
): Promise<DailySent[]> {
  let query = db
    .selectFrom('messages')
    .select([dayOf('sentAt').as('day'), (eb) => eb.fn.countAll<number>().as('sent')])
    .where('workspaceId', '=', workspaceId)
    .where('sentAt', '>=', since)
    .groupBy(dayOf('sentAt'));
  if (until !== undefined) query = query.where('sentAt', '<', until);
  const rows = await query.execute();
  return rows.map((row) => ({ day: Number(row.day), sent: Number(row.sent) }));
}

/** What an open of a message's shared pixel needs to know (the `aggregate` policy). */
export interface AggregateMessage {
  readonly messageId: string;
  readonly workspaceId: string;
  readonly aggregateId: string;
  readonly subject: string;
  readonly fromEmail: string | null;
  readonly fromName: string | null;
  readonly language: string;
  readonly workspaceName: string;
}

/** Messages with a shared pixel, joined to their workspace: the AggregateMessage query's base. */
function aggregateMessages(db: Db) {
  return db
    .selectFrom('messages')
    .innerJoin('workspaces', 'workspaces.id', 'messages.workspaceId')
    .select([
      'messages.id as messageId',
      'messages.workspaceId',
      'messages.aggregateId',
      'messages.subject',
      'messages.fromEmail',
      'messages.fromName',
      'messages.language',
      'workspaces.name as workspaceName',
    ])
    .where('messages.aggregateId', 'is not', null);
}

/** The message whose shared pixel carries `aggregateId`, with its workspace's name. */
export async function findAggregateMessage(
  db: Db,
  aggregateId: string,
): Promise<AggregateMessage | undefined> {
  const row = await aggregateMessages(db)
    .where('messages.aggregateId', '=', aggregateId)
    .executeTakeFirst();
  return row as AggregateMessage | undefined;
}

/** Messages with a shared pixel sent since `since` (epoch ms), newest first: the hit cache's start. */
export async function listRecentAggregateMessages(
  db: Db,
  since: number,
  limit: number,
): Promise<AggregateMessage[]> {
  const rows = await aggregateMessages(db)
    .where('messages.sentAt', '>=', since)
    .orderBy('messages.sentAt', 'desc')
    .limit(limit)
    .execute();
  return rows as AggregateMessage[];
}

/** Changes to one message's aggregate open totals. */
export interface AggregateDelta {
  opens: number;
  machineOpens: number;
}

/** Adds each message's changes to its aggregate open totals (one statement per message). */
export async function addToMessageAggregates(
  db: Db,
  deltas: ReadonlyMap<string, AggregateDelta>,
): Promise<void> {
  for (const [id, delta] of deltas) {
    if (delta.opens === 0 && delta.machineOpens === 0) continue;
    await db
      .updateTable('messages')
      .set((eb) => ({
        aggregateOpens: eb('aggregateOpens', '+', delta.opens),
        aggregateMachineOpens: eb('aggregateMachineOpens', '+', delta.machineOpens),
      }))
      .where('id', '=', id)
      .execute();
  }
}

/** The tracking policy each message was sent under (null for a draft), by message id. */
export async function findTrackingPolicies(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, TrackingPolicy | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'trackingPolicy'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.trackingPolicy]));
}

/** A message's address lists, as stored (JSON), and its subject. */
export type MessageAddressLists = Pick<
  MessageRow,
  'id' | 'subject' | 'toList' | 'ccList' | 'bccList'
>;

/**
 * The address lists an erasure looks through: those of these messages, and of the workspace's
 * drafts (which have no recipient rows yet).
 */
export function listAddressListsToCheck(
  db: Db,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<MessageAddressLists[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'subject', 'toList', 'ccList', 'bccList'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(messageIds.length > 0 ? [eb('id', 'in', messageIds)] : []),
        eb('status', '=', 'draft'),
      ]),
    )
    .execute();
}

/**
 * Replaces a message's stored address lists (JSON arrays of {email, name?}) and the search text
 * made from them.
 */
export async function updateAddressLists(
  db: Db,
  lists: Omit<MessageAddressLists, 'subject'> & Pick<MessageRow, 'searchText'>,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({
      toList: lists.toList,
      ccList: lists.ccList,
      bccList: lists.bccList,
      searchText: lists.searchText,
    })
    .where('id', '=', lists.id)
    .execute();
}

/**
 * Deletes the message if its status is still `expected` (a draft, so that a send that got there
 * first wins); its attachment places, links, chat and the like go with it (ON DELETE CASCADE).
 * True when it was deleted.
 */
export async function deleteMessageIfStatus(
  db: Db,
  id: string,
  expected: MessageStatus,
): Promise<boolean> {
  const result = await db
    .deleteFrom('messages')
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
