import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Issue 13, retention and erasure.
// - recipients.erased_at: when an admin erased the address (the row stays, anonymised, so the
//   message's counts hold). The processing stage drops every hit of an erased copy, before or
//   after the erasure: nothing about that person is derived again. A partial index finds the
//   few erased rows.
// - reach_days: the statistics' anonymous totals for events that are gone. Per workspace, UTC
//   day (days since the epoch), event type and audience: how many distinct recipients. The
//   retention purge writes a day's rows (source 'retention') before it deletes that day's
//   events; an erasure adds its recipient's days (source 'erasure'). The statistics' days add
//   these to what the remaining events count.
// - reach_last_days: per recipient, event type and audience, the last UTC day of its events
//   that are gone: a window's distinct recipients are then those with an event in it or such a
//   day in it, exactly (a person counted once however many purged days they were active on).
//   It says no more than the recipient row's own counters and last_event_at do.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recipients').addColumn('erased_at', 'bigint').execute();
  // The few erased rows, for the hourly sweep of events a batch in flight wrote after an erasure.
  await db.schema
    .createIndex('recipients_erased')
    .on('recipients')
    .column('erased_at')
    .where(sql.ref('erased_at'), 'is not', null)
    .execute();
  await db.schema
    .createTable('reach_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reach_days_pk', ['workspace_id', 'day', 'type', 'audience', 'source'])
    .execute();
  await db.schema
    .createTable('reach_last_days')
    .addColumn('recipient_id', 'text', (c) =>
      c.notNull().references('recipients.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reach_last_days_pk', ['recipient_id', 'type', 'audience'])
    .execute();
  await db.schema
    .createIndex('reach_last_days_workspace')
    .on('reach_last_days')
    .columns(['workspace_id', 'day'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reach_last_days').execute();
  await db.schema.dropTable('reach_days').execute();
  await db.schema.dropIndex('recipients_erased').execute();
  await db.schema.alterTable('recipients').dropColumn('erased_at').execute();
}
