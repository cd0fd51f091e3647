import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

export type DoNotTrackSource = 'admin' | 'opt_out';

/** Addresses (`a@b.it`) and domains (`@bank.it`) whose mail goes out untracked. */
export interface DoNotTrackTable {
  id: string;
  workspaceId: string;
  /** Lower-cased address, or `@` + lower-cased domain. */
  entry: string;
  source: DoNotTrackSource;
  createdBy: string | null;
  createdAt: number;
}
export type DoNotTrackRow = Selectable<DoNotTrackTable>;

/** Adds the entry unless present; true when it was new. */
export async function insertDoNotTrack(db: Db, row: Insertable<DoNotTrackTable>): Promise<boolean> {
  const result = await db
    .insertInto('doNotTrack')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'entry']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function listDoNotTrack(db: Db, workspaceId: string): Promise<DoNotTrackRow[]> {
  return db
    .selectFrom('doNotTrack')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('entry')
    .execute();
}

export async function deleteDoNotTrack(
  db: Db,
  workspaceId: string,
  entry: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('doNotTrack')
    .where('workspaceId', '=', workspaceId)
    .where('entry', '=', entry)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The entries among `candidates` (addresses and `@domain`s) that are on the list. */
export async function findDoNotTrack(
  db: Db,
  workspaceId: string,
  candidates: readonly string[],
): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await db
    .selectFrom('doNotTrack')
    .select('entry')
    .where('workspaceId', '=', workspaceId)
    .where('entry', 'in', candidates)
    .execute();
  return new Set(rows.map((row) => row.entry));
}
