import type { Insertable, Selectable } from 'kysely';
import { selectInChunks } from './batches.js';
import type { Db } from './database.js';

export type ConsentAction = 'given' | 'withdrawn';
/** How a consent row came: imported by an admin, from the recipient's privacy page, or an admin's withdrawal. */
export type ConsentSource = 'import' | 'privacy_page' | 'admin';

/**
 * The consent log: one row per consent given or withdrawn, never updated; an address's state is
 * its latest row. Keyed by the address key (mail's addressKey), never by SQL's lower().
 */
export interface ConsentTable {
  id: string;
  workspaceId: string;
  addressKey: string;
  /** The address as it was given, for people to read. */
  email: string;
  action: ConsentAction;
  /** Epoch ms. */
  at: number;
  source: ConsentSource;
  /** The admin's proof for an import, or what the privacy page said when the button was pressed. */
  proof: string;
  /** The recipient copy whose privacy page was used; null otherwise. */
  recipientId: string | null;
  /** The admin who imported or withdrew; null for the recipient's own choice. */
  userId: string | null;
}
export type ConsentRow = Selectable<ConsentTable>;
export type NewConsentRow = Insertable<ConsentTable>;

export async function insertConsent(db: Db, row: NewConsentRow): Promise<void> {
  await db.insertInto('consents').values(row).execute();
}

/**
 * The consent rows of the workspace, oldest first (by time, then id); only those of `keys` when
 * given (an empty list finds none).
 */
export async function listConsents(
  db: Db,
  workspaceId: string,
  keys?: readonly string[],
): Promise<ConsentRow[]> {
  const query = db
    .selectFrom('consents')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('at')
    .orderBy('id');
  if (!keys) return query.execute();
  // A key's rows all come from the chunk it is in; the chunks' rows are put in order again.
  const rows = await selectInChunks([...new Set(keys)], (chunk) =>
    query.where('addressKey', 'in', chunk).execute(),
  );
  return rows.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Deletes every consent row (given and withdrawn) of one address key in the workspace: the
 * recipient erasure's step for this table. Returns how many rows went.
 */
export async function deleteConsentsOf(
  db: Db,
  workspaceId: string,
  addressKey: string,
): Promise<number> {
  const result = await db
    .deleteFrom('consents')
    .where('workspaceId', '=', workspaceId)
    .where('addressKey', '=', addressKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
