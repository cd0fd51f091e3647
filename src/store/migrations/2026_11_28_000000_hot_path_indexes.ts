import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// Indexes the hot path needs once tables hold many rows: a recipient's opens by kind (the
// notification's ordinal), and each queue's due jobs (every worker claims from them).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('events_recipient_type')
    .on('events')
    .columns(['recipient_id', 'type', 'id'])
    .execute();
  await db.schema
    .createIndex('jobs_queue_due')
    .on('jobs')
    .columns(['queue', 'status', 'run_at'])
    .execute();
  await db.schema
    .createIndex('jobs_queue_locked')
    .on('jobs')
    .columns(['queue', 'status', 'locked_until'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_queue_locked').execute();
  await db.schema.dropIndex('jobs_queue_due').execute();
  await db.schema.dropIndex('events_recipient_type').execute();
}
