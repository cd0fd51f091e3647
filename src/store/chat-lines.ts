import type { Insertable, Kysely, Selectable } from 'kysely';
import { countInChunks, deleteInBatches, insertInChunks } from './batches.js';
import type { Database, Db } from './database.js';
import { idTimePrefix } from './ids.js';

export type ChatLineKind = 'note' | 'tracking' | 'expiry' | 'delivery';

/** A line of a message's chat: a team note, or a system line (author null). */
export interface ChatLineTable {
  id: string;
  messageId: string;
  workspaceId: string;
  at: number;
  authorId: string | null;
  kind: ChatLineKind;
  text: string;
  /** JSON with the structured facts behind a system line (recipient, SMTP reply, …). */
  data: string | null;
}
export type ChatLineRow = Selectable<ChatLineTable>;

export async function insertChatLine(db: Db, row: Insertable<ChatLineTable>): Promise<void> {
  await db.insertInto('chatLines').values(row).execute();
}

/** Inserts chat lines, 200 a statement; a line whose id exists already is left as it is. */
export async function insertChatLinesOnce(
  db: Db,
  rows: readonly {
    id: string;
    messageId: string;
    workspaceId: string;
    at: number;
    authorId: string | null;
    kind: 'tracking';
    text: string;
    data: string | null;
  }[],
): Promise<void> {
  await insertInChunks(rows, (chunk) =>
    db
      .insertInto('chatLines')
      .values(chunk)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  );
}

export type ChatLineWithAuthor = ChatLineRow & { authorName: string | null };

/**
 * The chat in time order, each line with its author's name (null for system lines): chat lines,
 * joined to users for the name.
 */
export function listChatLines(db: Db, messageId: string): Promise<ChatLineWithAuthor[]> {
  return db
    .selectFrom('chatLines')
    .leftJoin('users', 'users.id', 'chatLines.authorId')
    .selectAll('chatLines')
    .select('users.name as authorName')
    .where('chatLines.messageId', '=', messageId)
    .orderBy('chatLines.at')
    .orderBy('chatLines.id')
    .execute();
}

/**
 * Deletes the chat lines about tracking (kind `tracking`: who opened, clicked, downloaded) from
 * before `before` (epoch ms): the retention purge. Team notes, expiry and delivery lines stay.
 * A batch per statement along the primary key (a tracking line's id is its event's, made at its
 * time). Returns how many went.
 */
export function purgeTrackingLinesBefore(db: Kysely<Database>, before: number): Promise<number> {
  const bound = idTimePrefix(before);
  return deleteInBatches(
    (limit) =>
      db
        .selectFrom('chatLines')
        .select('id')
        .where('id', '<', bound)
        .where('kind', '=', 'tracking')
        .where('at', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute(),
    (ids) => db.deleteFrom('chatLines').where('id', 'in', ids).executeTakeFirst(),
  );
}

/**
 * The chat lines an erasure looks through: every line of these messages, and the workspace's
 * team notes that hold an `@` (a note may quote an address on any message).
 */
export function listChatLinesToCheck(
  db: Db,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<Pick<ChatLineRow, 'id' | 'text' | 'data'>[]> {
  return db
    .selectFrom('chatLines')
    .select(['id', 'text', 'data'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(messageIds.length > 0 ? [eb('messageId', 'in', messageIds)] : []),
        eb.and([eb('kind', '=', 'note'), eb('text', 'like', '%@%')]),
      ]),
    )
    .execute();
}

/** Deletes chat lines by id; returns how many went. */
export function deleteChatLines(db: Db, ids: readonly string[]): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db.deleteFrom('chatLines').where('id', 'in', chunk).executeTakeFirst(),
  );
}
