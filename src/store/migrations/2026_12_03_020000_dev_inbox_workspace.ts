import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The dev inbox's mail belongs to the workspace that sent it (issue 14, point 5): the workspace
// the dev SMTP server's login proved, null for mail that came without one (another program, or
// any mail caught before this migration). The inbox lists one workspace's mail, newest first.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dev_inbox').addColumn('workspace_id', 'text').execute();
  await db.schema
    .createIndex('dev_inbox_workspace')
    .on('dev_inbox')
    .columns(['workspace_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dev_inbox_workspace').execute();
  await db.schema.alterTable('dev_inbox').dropColumn('workspace_id').execute();
}
