import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// Password resets (issue 16, point 8): one row per reset link mailed. Only the SHA-256 of the
// link's token is kept, so the table grants nothing if it leaks; `used_at` makes a link
// single-use and is also set on a user's older links when a new one is made.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('password_resets_user')
    .on('password_resets')
    .column('user_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
}
