import type { Insertable, Selectable } from 'kysely';
import { countInChunks, insertInChunks, selectInChunks } from './batches.js';
import type { Db } from './database.js';
import { type Delivery, insertRecipients, type RecipientTable } from './recipients.js';

/** One SMTP transaction: with tracking, one per recipient; without, one for all. */
export interface CopyTable {
  id: string;
  messageId: string;
  workspaceId: string;
  tracked: number;
  /** The Message-ID header, fixed at enqueue so every retry carries the same one. */
  messageIdHeader: string;
  status: Delivery;
  attempts: number;
  smtpResponse: string | null;
  lastAttemptAt: number | null;
  sentAt: number | null;
}
export type CopyRow = Selectable<CopyTable>;

/** Inserts copies together with their recipients (each recipient row names its copy). */
export async function insertCopies(
  db: Db,
  copies: readonly Insertable<CopyTable>[],
  recipients: readonly Insertable<RecipientTable>[],
): Promise<void> {
  await insertInChunks(copies, (chunk) => db.insertInto('copies').values(chunk).execute());
  await insertRecipients(db, recipients);
}

/**
 * The copies of one workspace whose Message-ID is among `headers` (as written, angle brackets
 * included), with their recipients: whom a reply naming them answers. At most 100 ids are looked
 * up (a References list is longer only in a very long thread; the newest are last, RFC 5322
 * §3.6.4, so the caller passes those).
 */
export async function findCopiesByMessageIdHeaders(
  db: Db,
  workspaceId: string,
  headers: readonly string[],
): Promise<CopyRow[]> {
  if (headers.length === 0) return [];
  return db
    .selectFrom('copies')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('messageIdHeader', 'in', headers.slice(-100))
    .execute();
}

/** The Message-IDs of a message's copies, in the order they were made. */
export async function listCopyMessageIds(db: Db, messageId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('copies')
    .select('messageIdHeader')
    .where('messageId', '=', messageId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.messageIdHeader);
}

export function findCopy(db: Db, id: string): Promise<CopyRow | undefined> {
  return db.selectFrom('copies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCopy(
  db: Db,
  id: string,
  update: Partial<Omit<CopyRow, 'id' | 'messageId' | 'workspaceId'>>,
): Promise<void> {
  await db.updateTable('copies').set(update).where('id', '=', id).execute();
}

/** These copies' relay replies (null when none), by copy id. */
export async function findCopyResponses(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await selectInChunks(ids, (chunk) =>
    db.selectFrom('copies').select(['id', 'smtpResponse']).where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((row) => [row.id, row.smtpResponse]));
}

/** Forgets these copies' relay replies (an erasure, where a reply quotes the address). */
export async function clearCopyResponses(db: Db, ids: readonly string[]): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db
      .updateTable('copies')
      .set({ smtpResponse: null })
      .where('id', 'in', chunk)
      .executeTakeFirst(),
  );
}

/**
 * Gives up the copies among `ids` that are not sent yet (queued or deferred) and go to erased
 * recipients only: nobody is left to send them to. Their send jobs then find them settled.
 * Returns how many copies were given up.
 */
export async function failUnsentCopiesOfErased(db: Db, ids: readonly string[]): Promise<number> {
  const unsent = await selectInChunks(ids, (chunk) => unsentOfErased(db, chunk));
  const given = unsent.map((row) => row.id);
  await countInChunks(given, (chunk) =>
    db.updateTable('copies').set({ status: 'failed' }).where('id', 'in', chunk).executeTakeFirst(),
  );
  await countInChunks(given, (chunk) =>
    db
      .updateTable('recipients')
      .set({ delivery: 'failed' })
      .where('copyId', 'in', chunk)
      .executeTakeFirst(),
  );
  return given.length;
}

/** The copies among `ids` not sent yet whose every recipient is erased. */
function unsentOfErased(db: Db, ids: string[]) {
  return db
    .selectFrom('copies')
    .select('id')
    .where('id', 'in', ids)
    .where('status', 'in', ['queued', 'deferred'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('recipients')
            .select('recipients.id')
            .whereRef('recipients.copyId', '=', 'copies.id')
            .where('recipients.erasedAt', 'is', null),
        ),
      ),
    )
    .execute();
}
