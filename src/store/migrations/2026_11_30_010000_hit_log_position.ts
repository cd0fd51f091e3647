import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Where the processing stage has read the hit log up to, when the log is kept in a file of its
// own (SQLite): written in the transaction that commits what the hits became, so after a crash
// the stage resumes exactly after the last hit it counted.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hit_log_position')
    .addColumn('log', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hit_log_position').execute();
}
