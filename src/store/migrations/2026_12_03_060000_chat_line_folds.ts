import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The message's chat folds repeats the way notifications do (issue 15, point 6): a tracking
// line now has the fold key repeats share (recipient, action, link or file, inferred or not),
// how many events it stands for, and the last event folded into it (a job that runs again
// finds it there and counts nothing twice). Lines written before have no key and fold nothing
// into them: only lines of the last minute could have taken a fold, and they stay as they are.
// The index serves the fan-out's one read of the fold targets: by key, since a time.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_lines').addColumn('fold_key', 'text').execute();
  await db.schema
    .alterTable('chat_lines')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('chat_lines').addColumn('event_id', 'text').execute();
  await db.schema
    .createIndex('chat_lines_fold')
    .on('chat_lines')
    .columns(['fold_key', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chat_lines_fold').execute();
  for (const column of ['event_id', 'count', 'fold_key']) {
    await db.schema.alterTable('chat_lines').dropColumn(column).execute();
  }
}
