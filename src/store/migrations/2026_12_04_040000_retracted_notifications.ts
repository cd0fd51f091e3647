import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// A notification about an event later found to be a machine's (a honeypot hit, a scanner's
// burst a minute after the open) is retracted rather than deleted: the row stays, marked, with
// a new change sequence, so a live client resuming from Last-Event-ID hears of the retraction
// (a deleted row would leave nothing to replay). Lists and unread counts leave retracted rows
// out; the retention purge removes them as it removes the others.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .addColumn('retracted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('retracted').execute();
}
