import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// A notification's label: the classification (human, proxy, machine) of the event it last
// stood for, kept on the row so that the Notifications page can filter by it and the bell can
// show it on lines that arrive live, without a join per line. Null for a notification about no
// event (a disabled webhook) or whose event is gone. Existing rows take their event's label.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('classification', 'text').execute();
  await sql`update notifications set classification =
    (select events.classification from events where events.id = notifications.event_id)
    where event_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('classification').execute();
}
