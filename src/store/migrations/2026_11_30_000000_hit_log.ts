import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The hit log: every tracking hit is appended here, raw, before it is answered; the processing
// stage reads it in order, derives events and counters, and deletes what it processed in the
// same transaction. Recipients' counters split into people (human and proxy events) and
// machines; the counters already stored are recomputed from the events on that rule.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hit_log')
    // The event id the hit becomes: time-ordered, so the log is read in arrival order.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('link_idx', 'integer')
    .addColumn('attachment_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    // As TRACKING_IP keeps it: anonymised by default, like everywhere else it is written.
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    // JSON: the request headers the classifier reads.
    .addColumn('headers', 'text')
    // 1 when the request carried a session cookie of a user of the sending workspace.
    .addColumn('sender_session', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  for (const column of ['machine_opens', 'machine_clicks', 'machine_downloads']) {
    await db.schema
      .alterTable('recipients')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  const count = (type: string, classes: readonly string[]) =>
    sql`(select count(*) from events e where e.recipient_id = recipients.id and e.type = ${type}
      and e.classification in (${sql.join(classes)}))`;
  const people = ['human', 'proxy'];
  const machines = ['machine'];
  await db
    .updateTable('recipients')
    .set({
      opens: count('open', people),
      clicks: count('click', people),
      downloads: count('download', people),
      machine_opens: count('open', machines),
      machine_clicks: count('click', machines),
      machine_downloads: count('download', machines),
    })
    .where(sql<boolean>`exists (select 1 from events e where e.recipient_id = recipients.id)`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['machine_downloads', 'machine_clicks', 'machine_opens']) {
    await db.schema.alterTable('recipients').dropColumn(column).execute();
  }
  await db.schema.dropTable('hit_log').execute();
}
