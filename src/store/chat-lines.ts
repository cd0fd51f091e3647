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

export function listChatLines(db: Db, messageId: string): Promise<ChatLineRow[]> {
  return db
    .selectFrom('chatLines')
    .selectAll()
    .where('messageId', '=', messageId)
    .orderBy('id')
    .execute();
}
