import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app. Times are epoch ms (bigint), booleans 0/1,
// lists of addresses JSON text. `bytea` is PostgreSQL's binary type; SQLite accepts the name
// and stores Buffers as BLOBs whatever the declared type.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('text', 'text')
    .addColumn('from_email', 'text')
    .addColumn('from_name', 'text')
    .addColumn('to_list', 'text', (c) => c.notNull())
    .addColumn('cc_list', 'text', (c) => c.notNull())
    .addColumn('bcc_list', 'text', (c) => c.notNull())
    .addColumn('tracking_enabled', 'integer', (c) => c.notNull())
    .addColumn('attachment_link_ttl_days', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('messages_workspace')
    .on('messages')
    .columns(['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('message_attachments')
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addPrimaryKeyConstraint('message_attachments_pk', ['message_id', 'attachment_id'])
    .execute();

  await db.schema
    .createTable('message_links')
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_links_pk', ['message_id', 'idx'])
    .execute();

  await db.schema
    .createTable('copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('tracked', 'integer', (c) => c.notNull())
    .addColumn('message_id_header', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('smtp_response', 'text')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('copies_message').on('copies').column('message_id').execute();

  await db.schema
    .createTable('recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('copy_id', 'text', (c) => c.notNull().references('copies.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('tracked', 'integer', (c) => c.notNull())
    .addColumn('not_tracked_reason', 'text')
    .addColumn('tracking_id', 'text', (c) => c.unique())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('smtp_response', 'text')
    .addColumn('opens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_event_at', 'bigint')
    .addColumn('opted_out_at', 'bigint')
    .execute();
  await db.schema.createIndex('recipients_message').on('recipients').column('message_id').execute();
  await db.schema.createIndex('recipients_copy').on('recipients').column('copy_id').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('chat_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute();
  await db.schema
    .createIndex('chat_lines_message')
    .on('chat_lines')
    .columns(['message_id', 'id'])
    .execute();

  await db.schema
    .createTable('do_not_track')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('do_not_track_entry', ['workspace_id', 'entry'])
    .execute();

  await db.schema
    .createTable('dev_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('envelope_from', 'text', (c) => c.notNull())
    .addColumn('envelope_to', 'text', (c) => c.notNull())
    .addColumn('header_from', 'text', (c) => c.notNull())
    .addColumn('header_to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'dev_inbox',
    'do_not_track',
    'chat_lines',
    'jobs',
    'recipients',
    'copies',
    'message_links',
    'message_attachments',
    'messages',
    'attachments',
    'blobs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
