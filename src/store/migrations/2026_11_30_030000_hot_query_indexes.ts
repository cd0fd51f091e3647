import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Each index serves a query docs/storage.md names, and none is kept that no hot query uses:
// every index is one more page written for each row inserted.
// - events(at) served nothing but a time range over every workspace at once; the statistics ask
//   for one workspace's events since a day, which (workspace_id, at) reads alone. The retention
//   purge walks the primary key (ids are time-ordered), not `at`.
// - jobs(status, run_at) is led by a column no claim asks by alone: every claim names its queue,
//   and (queue, status, run_at) / (queue, status, locked_until) serve it.
// - recipients(workspace_id, email) could not serve the opt-out, which compares lower(email).
// - messages(workspace_id, sent_at): the statistics' messages sent per day read every message of
//   the workspace through (workspace_id, id) and kept the window's (200,000 messages, 10
//   workspaces: 20,000 rows for 1,644). A message is written a handful of times, an event once
//   per hit: this index costs little.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('events_workspace_at')
    .on('events')
    .columns(['workspace_id', 'at'])
    .execute();
  await db.schema.dropIndex('events_at').execute();
  await db.schema
    .createIndex('messages_workspace_sent')
    .on('messages')
    .columns(['workspace_id', 'sent_at'])
    .execute();
  await db.schema.dropIndex('jobs_due').execute();
  await db.schema.dropIndex('recipients_workspace_email').execute();
  await db.schema
    .createIndex('recipients_workspace_email')
    .on('recipients')
    .columns(['workspace_id'])
    .expression(sql`lower(email)`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('recipients_workspace_email').execute();
  await db.schema
    .createIndex('recipients_workspace_email')
    .on('recipients')
    .columns(['workspace_id', 'email'])
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.dropIndex('messages_workspace_sent').execute();
  await db.schema.createIndex('events_at').on('events').column('at').execute();
  await db.schema.dropIndex('events_workspace_at').execute();
}
