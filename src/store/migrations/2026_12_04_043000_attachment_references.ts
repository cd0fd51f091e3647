import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Deleting a draft (issue 16, point 1) deletes the attachments no other message holds, then
// the bytes no attachment and no dev inbox mail holds. Both questions are asked by these
// columns, which had no index: without one each deletion would read whole tables.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('message_attachments_attachment')
    .on('message_attachments')
    .column('attachment_id')
    .execute();
  await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();
  await db.schema.createIndex('dev_inbox_blob_key').on('dev_inbox').column('blob_key').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dev_inbox_blob_key').execute();
  await db.schema.dropIndex('attachments_sha256').execute();
  await db.schema.dropIndex('message_attachments_attachment').execute();
}
