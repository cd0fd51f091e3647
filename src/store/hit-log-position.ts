import type { Db } from './database.js';

/** How far the processing stage has consumed a hit log kept outside this database. */
export interface HitLogPositionTable {
  /** Which log ('hits': the SQLite hit log file). */
  log: string;
  /** The last consumed hit's `seq`. */
  seq: number;
}

/** The last consumed `seq` of the log named `log`, 0 before the first. */
export async function findHitLogPosition(db: Db, log: string): Promise<number> {
  const row = await db
    .selectFrom('hitLogPosition')
    .select('seq')
    .where('log', '=', log)
    .executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/** Records `seq` as the last consumed of `log`, in the transaction that wrote what it became. */
export async function saveHitLogPosition(db: Db, log: string, seq: number): Promise<void> {
  await db
    .insertInto('hitLogPosition')
    .values({ log, seq })
    .onConflict((oc) => oc.column('log').doUpdateSet({ seq }))
    .execute();
}
