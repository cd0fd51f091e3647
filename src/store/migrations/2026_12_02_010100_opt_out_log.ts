import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The opt-out proof log: one row per choice a recipient made on their privacy page — an
// opt-out or its withdrawal — with who (the address as the copy was sent, and its key), when,
// from which copy (message and recipient ids) and what the page said (its wording's version and
// the exact text shown). Rows are appended, never updated: the log is the proof.
//
// Opt-outs made before the log existed are back-filled from their `opt_out` events, marked with
// the wording version `unrecorded`: what their page said was not kept then.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opt_out_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    // No foreign keys: the proof outlives a message deleted or a copy erased.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('wording_version', 'text', (c) => c.notNull())
    .addColumn('page_text', 'text', (c) => c.notNull())
    .execute();
  // The export reads a workspace's rows in id (time) order; an erasure finds an address's.
  await db.schema
    .createIndex('opt_out_log_workspace')
    .on('opt_out_log')
    .columns(['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('opt_out_log_workspace_email_key')
    .on('opt_out_log')
    .columns(['workspace_id', 'email_key'])
    .execute();

  await db
    .insertInto('opt_out_log')
    .columns([
      'id',
      'workspace_id',
      'action',
      'email',
      'email_key',
      'message_id',
      'recipient_id',
      'at',
      'language',
      'wording_version',
      'page_text',
    ])
    .expression(
      db
        .selectFrom('events')
        .innerJoin('recipients', 'recipients.id', 'events.recipient_id')
        .innerJoin('messages', 'messages.id', 'events.message_id')
        .select((eb) => [
          'events.id',
          'events.workspace_id',
          eb.val('opt_out').as('action'),
          'recipients.email',
          'recipients.email_key',
          'events.message_id',
          'events.recipient_id',
          'events.at',
          'messages.language',
          eb.val('unrecorded').as('wording_version'),
          eb.val('').as('page_text'),
        ])
        .where('events.type', '=', 'opt_out'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opt_out_log').execute();
}
