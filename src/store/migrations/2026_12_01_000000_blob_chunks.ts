import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Blob bytes move from one `bytea` per blob (`blobs.bytes`, read and written whole) into
// `blob_chunks`: fixed-size pieces written as an upload streams in and read back one at a time,
// so no node ever holds a whole attachment. `blobs` keeps one row per stored blob (key, size):
// the row that makes its chunks readable.
//
// Chunks of an upload in progress sit under a temporary key with `upload_started_at` set; the
// upload's commit renames them to the blob's key and clears it. The partial index finds the
// pieces of uploads that never committed (a node that died mid-upload).

/** The size of the pieces the existing blobs are cut into: 256 KiB, as the blob store writes. */
const CHUNK_BYTES = 256 * 1024;

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blob_chunks')
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('chunk_index', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('upload_started_at', 'bigint')
    .addPrimaryKeyConstraint('blob_chunks_pk', ['blob_key', 'chunk_index'])
    .execute();
  await db.schema
    .createIndex('blob_chunks_uploads')
    .on('blob_chunks')
    .column('upload_started_at')
    .where(sql.ref('upload_started_at'), 'is not', null)
    .execute();

  // One blob at a time, so the migration holds one file in memory, never the table. Each row's
  // bytes are emptied once copied: on PostgreSQL a dropped column's values stay on disk until
  // the row is rewritten, and blobs rows never are, so the update is what frees the space
  // (through vacuum) once the column is gone.
  const keys: { key: string }[] = await db.selectFrom('blobs').select('key').execute();
  for (const { key } of keys) {
    const row = await db
      .selectFrom('blobs')
      .select('bytes')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.bytes as Uint8Array);
    for (let index = 0; index * CHUNK_BYTES < bytes.length; index++) {
      await db
        .insertInto('blob_chunks')
        .values({
          blob_key: key,
          chunk_index: index,
          bytes: bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES),
          upload_started_at: null,
        })
        .execute();
    }
    await db
      .updateTable('blobs')
      .set({ bytes: Buffer.alloc(0), size: bytes.length })
      .where('key', '=', key)
      .execute();
  }
  await db.schema.alterTable('blobs').dropColumn('bytes').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  // Nullable on the way back: a column added to rows already there cannot be NOT NULL without a
  // default, and every row gets its bytes below.
  await db.schema.alterTable('blobs').addColumn('bytes', 'bytea').execute();
  const keys: { key: string }[] = await db.selectFrom('blobs').select('key').execute();
  for (const { key } of keys) {
    const chunks: { bytes: Uint8Array }[] = await db
      .selectFrom('blob_chunks')
      .select('bytes')
      .where('blob_key', '=', key)
      .orderBy('chunk_index')
      .execute();
    await db
      .updateTable('blobs')
      .set({ bytes: Buffer.concat(chunks.map((c) => Buffer.from(c.bytes))) })
      .where('key', '=', key)
      .execute();
  }
  await db.schema.dropTable('blob_chunks').execute();
}
