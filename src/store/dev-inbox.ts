import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

/** A mail caught by the embedded dev inbox; its source sits in the blob store. */
export interface DevInboxTable {
  id: string;
  receivedAt: number;
  envelopeFrom: string;
  /** JSON array of the envelope's recipients. */
  envelopeTo: string;
  headerFrom: string;
  headerTo: string;
  subject: string;
  size: number;
  blobKey: string;
}
export type DevInboxRow = Selectable<DevInboxTable>;

export async function insertDevInboxMail(db: Db, row: Insertable<DevInboxTable>): Promise<void> {
  await db.insertInto('devInbox').values(row).execute();
}

export function listDevInbox(db: Db, limit: number): Promise<DevInboxRow[]> {
  return db.selectFrom('devInbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export function findDevInboxMail(db: Db, id: string): Promise<DevInboxRow | undefined> {
  return db.selectFrom('devInbox').selectAll().where('id', '=', id).executeTakeFirst();
}
