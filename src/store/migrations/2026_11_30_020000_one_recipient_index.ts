import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Events had two indexes led by the recipient: (recipient_id, at) and (recipient_id, type, id).
// Every query by recipient — a copy's recent hits for the classifier, a recipient's opens up to
// an event — is served by the second (ids are ordered by time), and each index is one more
// scattered page written for every event the processing stage stores.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_recipient').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('events_recipient')
    .on('events')
    .columns(['recipient_id', 'at'])
    .execute();
}
