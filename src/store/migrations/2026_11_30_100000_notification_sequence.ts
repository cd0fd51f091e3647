import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Live streams skip any change whose sequence is not above the last they sent, so changes must
// commit in sequence order on every node. One row holds the last sequence handed out; a
// transaction writing notifications locks it first (docs/decisions.md, "Several nodes on
// PostgreSQL"). Listeners resuming after a lost connection read notifications by sequence.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_sequence')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into notification_sequence (id, last)
    select 1, coalesce(max(seq), '') from notifications`.execute(db);
  await db.schema.createIndex('notifications_seq').on('notifications').column('seq').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_seq').execute();
  await db.schema.dropTable('notification_sequence').execute();
}
