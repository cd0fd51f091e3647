import type { Db } from './database.js';

/**
 * Runs `work` in the caller's transaction when `db` is one, else in a new one: a function that
 * must write atomically can still be part of a larger transaction (Kysely cannot nest them).
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
