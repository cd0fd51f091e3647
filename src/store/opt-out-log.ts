import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

/** A recipient's choice on their privacy page: stop tracking me, or track me again. */
export type OptOutAction = 'opt_out' | 'withdrawal';

/**
 * The opt-out proof log: appended to, never updated. Who (the address as the copy was sent and
 * its key), when (epoch ms), from which copy, and what the page said when the choice was made.
 */
export interface OptOutLogTable {
  id: string;
  workspaceId: string;
  action: OptOutAction;
  email: string;
  /** `addressKey(email)`: how the log is searched by person. */
  emailKey: string;
  messageId: string;
  recipientId: string;
  at: number;
  /** The page's language (`it`, `en`). */
  language: string;
  /** The version of the page's wording (`unrecorded` for opt-outs older than the log). */
  wordingVersion: string;
  /** The exact text of the page the recipient acted on, as plain text. */
  pageText: string;
}
export type OptOutLogRow = Selectable<OptOutLogTable>;

export async function appendOptOutLog(db: Db, row: Insertable<OptOutLogTable>): Promise<void> {
  await db.insertInto('optOutLog').values(row).execute();
}

/**
 * A workspace's log in the order it was written, `limit` rows after the id `after` (a cursor:
 * ids are time-ordered).
 */
export function listOptOutLog(
  db: Db,
  workspaceId: string,
  page: { after?: string; limit: number },
): Promise<OptOutLogRow[]> {
  let query = db
    .selectFrom('optOutLog')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('id')
    .limit(page.limit);
  if (page.after !== undefined) query = query.where('id', '>', page.after);
  return query.execute();
}
