import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('recipient_id', 'text', (c) =>
      c.notNull().references('recipients.id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('link_idx', 'integer')
    .addColumn('attachment_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('client', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('human'))
    .addColumn('reason', 'text')
    .addColumn('inferred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('events_message')
    .on('events')
    .columns(['message_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_recipient')
    .on('events')
    .columns(['recipient_id', 'at'])
    .execute();
  await db.schema.createIndex('events_at').on('events').column('at').execute();
  await db.schema
    .createIndex('recipients_workspace_email')
    .on('recipients')
    .columns(['workspace_id', 'email'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('recipients_workspace_email').execute();
  await db.schema.dropTable('events').execute();
}
