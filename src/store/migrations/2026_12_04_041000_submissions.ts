import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// SMTP submission (issue 17, point 2): the Message-ID a mail client gave each mail it submitted,
// per sending user, so a client's retry of the same mail (same Message-ID) finds the message the
// first attempt made instead of making a second one. The primary key is what makes two
// concurrent attempts end as one message.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_id_header', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('submissions_pk', ['sender_id', 'message_id_header'])
    .execute();
  await db.schema
    .createIndex('submissions_message')
    .on('submissions')
    .column('message_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submissions').execute();
}
