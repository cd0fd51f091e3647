import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

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

/** Inserts chat lines in one statement; a line whose id exists already is left as it is. */
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
  if (rows.length === 0) return;
  await db
    .insertInto('chatLines')
    .values([...rows])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
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
