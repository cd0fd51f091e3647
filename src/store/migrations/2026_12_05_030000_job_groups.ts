import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Jobs of one group run one at a time (issue 17, a tester's finding): the shared mailbox's Sent
// copies are grouped by workspace, so a workspace whose IMAP server stalls holds up its own
// copies only, not every other workspace's. Null (every job before this, and every other
// queue's): no such rule.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('group_key', 'text').execute();
  await db.schema
    .createIndex('jobs_group_key')
    .on('jobs')
    .columns(['group_key', 'status'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_group_key').execute();
  await db.schema.alterTable('jobs').dropColumn('group_key').execute();
}
