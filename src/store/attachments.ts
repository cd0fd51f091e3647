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
