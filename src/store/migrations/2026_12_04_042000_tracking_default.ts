import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// A user's own tracking default (issue 16, point 3): 1 or 0 overrides the workspace's
// `trackingDefault` setting (kept in the workspace's settings JSON, false when absent), null
// follows it. Every existing user follows their workspace.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('tracking_default', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('tracking_default').execute();
}
