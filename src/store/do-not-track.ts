import type { Insertable, Selectable } from 'kysely';
import { selectInChunks } from './batches.js';
import type { Db } from './database.js';

/** Who put an entry there: an admin, or the recipient themselves from their privacy page. */
export type DoNotTrackSource = 'admin' | 'opt_out';

/**
 * Addresses (`a@b.it`) and domains (`@bank.it`) whose mail goes out untracked. An `opt_out`
 * entry is also what stops hits of mail already sent being recorded (`recipientsForHits`).
 */
export interface DoNotTrackTable {
  id: string;
  workspaceId: string;
  /** An address's `addressKey`, or `@` and a `domainKey`: every spelling is one entry. */
  entry: string;
  source: DoNotTrackSource;
  createdBy: string | null;
  createdAt: number;
}
export type DoNotTrackRow = Selectable<DoNotTrackTable>;

/**
 * Adds the entry unless present; true when it was new. A recipient's opt-out takes over an
 * admin's entry for the same key (true then too): from then on only the recipient may remove it.
 */
export async function insertDoNotTrack(db: Db, row: Insertable<DoNotTrackTable>): Promise<boolean> {
  const result = await db
    .insertInto('doNotTrack')
    .values(row)
    .onConflict((oc) => {
      const target = oc.columns(['workspaceId', 'entry']);
      if (row.source !== 'opt_out') return target.doNothing();
      return target
        .doUpdateSet({ source: 'opt_out', createdBy: null, createdAt: row.createdAt })
        .where('doNotTrack.source', '=', 'admin');
    })
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** An entry with the name of the user who added it (null: the recipient, or a user gone). */
export type DoNotTrackListed = DoNotTrackRow & { createdByName: string | null };

export function listDoNotTrack(db: Db, workspaceId: string): Promise<DoNotTrackListed[]> {
  return db
    .selectFrom('doNotTrack')
    .leftJoin('users', 'users.id', 'doNotTrack.createdBy')
    .selectAll('doNotTrack')
    .select('users.name as createdByName')
    .where('doNotTrack.workspaceId', '=', workspaceId)
    .orderBy('doNotTrack.entry')
    .execute();
}

/** The entry `entry` (a key) of the workspace, if listed. */
export function findDoNotTrackEntry(
  db: Db,
  workspaceId: string,
  entry: string,
): Promise<DoNotTrackRow | undefined> {
  return db
    .selectFrom('doNotTrack')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('entry', '=', entry)
    .executeTakeFirst();
}

/**
 * Removes the entry if it came from `source` (an admin's delete never takes a recipient's
 * opt-out with it, even racing one); true when there was one to remove.
 */
export async function deleteDoNotTrack(
  db: Db,
  workspaceId: string,
  entry: string,
  source: DoNotTrackSource,
): Promise<boolean> {
  const result = await db
    .deleteFrom('doNotTrack')
    .where('workspaceId', '=', workspaceId)
    .where('entry', '=', entry)
    .where('source', '=', source)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The entries among `candidates` (addresses and `@domain`s) that are on the list. */
export async function findDoNotTrack(
  db: Db,
  workspaceId: string,
  candidates: readonly string[],
): Promise<Set<string>> {
  const rows = await selectInChunks(candidates, (chunk) =>
    db
      .selectFrom('doNotTrack')
      .select('entry')
      .where('workspaceId', '=', workspaceId)
      .where('entry', 'in', chunk)
      .execute(),
  );
  return new Set(rows.map((row) => row.entry));
}
