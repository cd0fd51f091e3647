import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

export interface AttachmentTable {
  id: string;
  workspaceId: string;
  uploadedBy: string;
  filename: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the bytes: also their key in the blob store. */
  sha256: string;
  createdAt: number;
}
export type AttachmentRow = Selectable<AttachmentTable>;
export type NewAttachmentRow = Insertable<AttachmentTable>;

export async function insertAttachment(db: Db, row: NewAttachmentRow): Promise<AttachmentRow> {
  await db.insertInto('attachments').values(row).execute();
  return row;
}

export function findAttachments(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<AttachmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Attachments' file names by id, whatever their workspace (ids the caller already holds). */
export async function findAttachmentNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'filename'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.filename]));
}

/**
 * Deletes those of the attachments `ids` that no message holds any more (a draft's, once the
 * draft is gone), and gives back the blob keys (SHA-256) of the rows it deleted: the bytes may
 * still be another attachment's or a dev inbox mail's (blobReferenced).
 */
export async function deleteUnheldAttachments(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const unheld = await db
    .selectFrom('attachments')
    .select(['id', 'sha256'])
    .where('id', 'in', ids)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('messageAttachments')
            .select('messageAttachments.attachmentId')
            .whereRef('messageAttachments.attachmentId', '=', 'attachments.id'),
        ),
      ),
    )
    .execute();
  if (unheld.length === 0) return [];
  await db
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      unheld.map((row) => row.id),
    )
    .execute();
  return unheld.map((row) => row.sha256);
}

/** Whether any attachment, of any workspace, or any dev inbox mail holds the blob `key`. */
export async function blobReferenced(db: Db, key: string): Promise<boolean> {
  const attachment = await db
    .selectFrom('attachments')
    .select('id')
    .where('sha256', '=', key)
    .limit(1)
    .executeTakeFirst();
  if (attachment) return true;
  const mail = await db
    .selectFrom('devInbox')
    .select('id')
    .where('blobKey', '=', key)
    .limit(1)
    .executeTakeFirst();
  return mail !== undefined;
}
