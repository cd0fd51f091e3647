import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The workspace's tracking policy (issue 13, point 7). Each message keeps the policy in force when
// it was sent (`tracking_policy`, null on drafts), so a later change of the setting does not
// change mail already out; messages sent before this migration were sent under `notice`.
// A message sent under `aggregate` carries one random id for its shared pixel (`aggregate_id`)
// and only per-message open totals (people's apart from machines').
//
// `consents` is an append-only log: each row is one consent given or withdrawn, for one address
// key (addressKey: NFC, Unicode case folding, IDNA), with when, how (imported by an admin, given
// on the recipient's privacy page, withdrawn by an admin) and its proof (what the admin gave, or
// what the page said, and from which copy). The state of an address is its latest row.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('tracking_policy', 'text').execute();
  await db.schema.alterTable('messages').addColumn('aggregate_id', 'text').execute();
  for (const column of ['aggregate_opens', 'aggregate_machine_opens']) {
    await db.schema
      .alterTable('messages')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db
    .updateTable('messages')
    .set({ tracking_policy: 'notice' })
    .where('status', '<>', 'draft')
    .execute();
  await db.schema
    .createIndex('messages_aggregate_id')
    .unique()
    .on('messages')
    .column('aggregate_id')
    .where(sql.ref('aggregate_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    // The address as it was given (imported, or the copy's), for people to read.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text')
    .addColumn('user_id', 'text')
    .execute();
  await db.schema
    .createIndex('consents_by_key')
    .on('consents')
    .columns(['workspace_id', 'address_key', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute();
  await db.schema.dropIndex('messages_aggregate_id').execute();
  for (const column of [
    'aggregate_machine_opens',
    'aggregate_opens',
    'aggregate_id',
    'tracking_policy',
  ]) {
    await db.schema.alterTable('messages').dropColumn(column).execute();
  }
}
