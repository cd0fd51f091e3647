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
  /** The workspace whose mail it is (the dev SMTP login proved it); null: nobody's. */
  workspaceId: string | null;
}
export type DevInboxRow = Selectable<DevInboxTable>;

export async function insertDevInboxMail(db: Db, row: Insertable<DevInboxTable>): Promise<void> {
  await db.insertInto('devInbox').values(row).execute();
}

/** The workspace's caught mail, newest first. */
export function listDevInbox(db: Db, workspaceId: string, limit: number): Promise<DevInboxRow[]> {
  return db
    .selectFrom('devInbox')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** One caught mail of the workspace; another workspace's, or nobody's, is not found. */
export function findDevInboxMail(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<DevInboxRow | undefined> {
  return db
    .selectFrom('devInbox')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}
