import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// A member an admin removes from the workspace keeps their row (their messages still name their
// sender; their address stays taken) but can no longer sign in or be reached: `removed_at`.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('removed_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('removed_at').execute();
}
