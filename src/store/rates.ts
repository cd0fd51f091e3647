import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Which of a message's recipient copies the rates count, and how many of them people reached.
 * Every count is of recipient copies (one per recipient), never of events: a person who opened
 * ten times counts once.
 */
export interface CopyCounts {
  /** Copies to people outside the workspace (copies to members, the team's own, left out). */
  readonly recipients: number;
  /** …of those, tracked per person (the message's switch on, not do-not-track, not aggregate). */
  readonly tracked: number;
  /** …of those, accepted by the relay (`delivery = 'sent'`): the open and click rates' base. */
  readonly delivered: number;
  /** …of those, of a message with attachments: the download rate's base. */
  readonly deliveredWithFiles: number;
  /** Delivered copies a person (human or image proxy, inferred opens included) opened. */
  readonly opened: number;
  /** …clicked a link of. */
  readonly clicked: number;
  /** …downloaded an attachment of. */
  readonly downloaded: number;
}

/** One message sent in the range, with its copies' counts. */
export interface MessageRates extends CopyCounts {
  readonly id: string;
  readonly subject: string;
  /** Epoch ms. */
  readonly sentAt: number;
  readonly senderId: string;
  readonly senderName: string;
}

/** One sender's messages sent in the range, their copies' counts added up. */
export interface SenderRates extends CopyCounts {
  readonly senderId: string;
  readonly name: string;
  readonly email: string;
  /** Messages sent in the range. */
  readonly messages: number;
  /** …of which with at least one copy tracked per person. */
  readonly trackedMessages: number;
}

export interface RatesRange {
  /** Messages sent from this instant on (epoch ms, inclusive); none: since the beginning. */
  readonly from?: number | undefined;
  /** …and before this one (exclusive); none: up to now. */
  readonly to?: number | undefined;
  /**
   * The `addressKey`s of the workspace's members: copies to them are the team's own and count
   * nowhere. SQL cannot fold case the Unicode way, so the caller computes the keys (as the
   * processing stage does when it labels a member's copy `self`).
   */
  readonly memberKeys: readonly string[];
}

const COUNT_COLUMNS = [
  'recipients',
  'tracked',
  'delivered',
  'deliveredWithFiles',
  'opened',
  'clicked',
  'downloaded',
] as const;

/** The messages of the workspace sent in the range, as `where` conditions on `m`. */
function sentIn(workspaceId: string, range: RatesRange): RawBuilder<unknown> {
  const bounds = [sql`m.workspace_id = ${workspaceId}`, sql`m.sent_at is not null`];
  if (range.from !== undefined) bounds.push(sql`m.sent_at >= ${range.from}`);
  if (range.to !== undefined) bounds.push(sql`m.sent_at < ${range.to}`);
  return sql.join(bounds, sql` and `);
}

/**
 * Per message of `messages` (a relation with `id`), its copies' counts: the recipients' own
 * counters read, since they hold people's events apart from machines' (inferred opens
 * included) and outlive the retention purge and erasures, which the events do not.
 */
function copyCounts(messages: RawBuilder<unknown>, memberKeys: readonly string[]) {
  const outside =
    memberKeys.length > 0 ? sql`r.email_key not in (${sql.join(memberKeys)})` : sql`1 = 1`;
  const delivered = sql`${outside} and r.tracked = 1 and r.delivery = 'sent'`;
  const count = (condition: RawBuilder<unknown>) =>
    sql`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  return sql`select r.message_id as message_id,
      ${count(outside)} as recipients,
      ${count(sql`${outside} and r.tracked = 1`)} as tracked,
      ${count(delivered)} as delivered,
      ${count(sql`${delivered} and exists (select 1 from message_attachments ma where ma.message_id = r.message_id)`)} as delivered_with_files,
      ${count(sql`${delivered} and r.opens > 0`)} as opened,
      ${count(sql`${delivered} and r.clicks > 0`)} as clicked,
      ${count(sql`${delivered} and r.downloads > 0`)} as downloaded
    from recipients r where r.message_id in (select id from ${messages} as scope)
    group by r.message_id`;
}

function countsOf(row: Record<string, unknown>): CopyCounts {
  return Object.fromEntries(
    COUNT_COLUMNS.map((column) => [column, Number(row[column] ?? 0)]),
  ) as unknown as CopyCounts;
}

export interface MessageRatesPage {
  /** Messages per page. */
  readonly limit: number;
  /** The id of the last message of the page before: the page goes on after it. */
  readonly after?: string | undefined;
}

/**
 * A page of the messages sent in the range, newest first (by send time, then id), each with
 * its copies' counts: one statement, the page's messages taken first through
 * `messages(workspace_id, sent_at)`, their recipients through `recipients(message_id)`.
 * A cursor that names no message of the workspace starts nowhere: an empty page.
 */
export async function listMessageRates(
  db: Db,
  workspaceId: string,
  range: RatesRange,
  page: MessageRatesPage,
): Promise<MessageRates[]> {
  const after = page.after
    ? sql`and (m.sent_at < c.sent_at or (m.sent_at = c.sent_at and m.id < c.id))`
    : sql``;
  const cursor = page.after
    ? sql`, (select sent_at, id from messages where id = ${page.after} and workspace_id = ${workspaceId}) as c`
    : sql``;
  const messages = sql`(select m.id, m.subject, m.sent_at, m.sender_id from messages m ${cursor}
      where ${sentIn(workspaceId, range)} ${after}
      order by m.sent_at desc, m.id desc limit ${page.limit})`;
  const { rows } = await sql<Record<string, unknown>>`select p.id as id, p.subject as subject,
      p.sent_at as sent_at, p.sender_id as sender_id, u.name as sender_name, counts.*
    from ${messages} as p
    join users u on u.id = p.sender_id
    left join (${copyCounts(messages, range.memberKeys)}) as counts on counts.message_id = p.id
    order by p.sent_at desc, p.id desc`.execute(db);
  return rows.map((row) => ({
    id: String(row.id),
    subject: String(row.subject),
    sentAt: Number(row.sentAt),
    senderId: String(row.senderId),
    senderName: String(row.senderName),
    ...countsOf(row),
  }));
}

/**
 * Each sender of messages sent in the range, with their messages' copies' counts added up, in
 * one statement (the same per-message counts as listMessageRates, summed by sender). Ordered
 * by name; senders who sent nothing in the range are not listed.
 */
export async function listSenderRates(
  db: Db,
  workspaceId: string,
  range: RatesRange,
): Promise<SenderRates[]> {
  const messages = sql`(select m.id, m.sender_id from messages m where ${sentIn(workspaceId, range)})`;
  const sums = COUNT_COLUMNS.map((column) => {
    const name = sql.ref(`counts.${snake(column)}`);
    return sql`coalesce(sum(${name}), 0) as ${sql.ref(snake(column))}`;
  });
  const { rows } = await sql<Record<string, unknown>>`select u.id as sender_id, u.name as name,
      u.email as email, count(*) as messages,
      coalesce(sum(case when counts.tracked > 0 then 1 else 0 end), 0) as tracked_messages,
      ${sql.join(sums)}
    from ${messages} as p
    join users u on u.id = p.sender_id
    left join (${copyCounts(messages, range.memberKeys)}) as counts on counts.message_id = p.id
    group by u.id, u.name, u.email
    order by u.name, u.id`.execute(db);
  return rows.map((row) => ({
    senderId: String(row.senderId),
    name: String(row.name),
    email: String(row.email),
    messages: Number(row.messages),
    trackedMessages: Number(row.trackedMessages),
    ...countsOf(row),
  }));
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
