import type { Insertable, Selectable } from 'kysely';
import { insertInChunks, selectInChunks } from './batches.js';
import type { Db } from './database.js';

/**
 * The link number of a copy's hidden honeypot link: the largest a click token carries, so no
 * real link ever has it. No person sees that link, so whatever follows it is a machine.
 */
export const HONEYPOT_LINK_INDEX = 0xffff;

/** The distinct http(s) links of a sent message, numbered as the click tokens number them. */
export interface MessageLinkTable {
  messageId: string;
  idx: number;
  url: string;
}
export type MessageLinkRow = Selectable<MessageLinkTable>;

export async function insertMessageLinks(
  db: Db,
  rows: readonly Insertable<MessageLinkTable>[],
): Promise<void> {
  await insertInChunks(rows, (chunk) => db.insertInto('messageLinks').values(chunk).execute());
}

export function findMessageLink(db: Db, messageId: string, idx: number) {
  return db
    .selectFrom('messageLinks')
    .select('url')
    .where('messageId', '=', messageId)
    .where('idx', '=', idx)
    .executeTakeFirst();
}

export async function listMessageLinks(db: Db, messageId: string): Promise<MessageLinkRow[]> {
  return (await listMessageLinksOf(db, [messageId])).get(messageId) ?? [];
}

/**
 * Each message's links in order, by message id, for many messages in one query per 500 (a
 * message's links all come from the query its id is in, in order).
 */
export async function listMessageLinksOf(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, MessageLinkRow[]>> {
  const found = new Map<string, MessageLinkRow[]>(messageIds.map((id) => [id, []]));
  const rows = await selectInChunks(messageIds, (chunk) =>
    db
      .selectFrom('messageLinks')
      .selectAll()
      .where('messageId', 'in', chunk)
      .orderBy('messageId')
      .orderBy('idx')
      .execute(),
  );
  for (const row of rows) found.get(row.messageId)?.push(row);
  return found;
}
