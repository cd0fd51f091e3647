import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/** Attachment bytes kept in the database, for installations whose nodes share no disk. */
export interface BlobTable {
  key: string;
  bytes: Buffer;
  size: number;
  createdAt: number;
}
export type BlobRow = Selectable<BlobTable>;

export async function insertBlobOnce(db: Db, key: string, bytes: Buffer): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ key, bytes, size: bytes.length, createdAt: Date.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function findBlobBytes(db: Db, key: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('blobs')
    .select('bytes')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? Buffer.from(row.bytes) : undefined;
}
