import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// PostgreSQL only, two changes to what the processing stage writes for every batch.
//
// Events lose their foreign keys to messages and recipients. Each was a
// trigger run for every event inserted (a key-share lock on the parent row, looked up by
// index), which made the processing stage's insert of a 500-event batch take twice as long
// (12 ms against 6 ms, measured alone; a third of a batch's time under load). Events are only
// ever written by the processing stage for a copy it has just read, and messages and
// recipients are never deleted (an erasure blanks a recipient and deletes its events), so the
// check guarded nothing and the cascade never ran. SQLite keeps them: its check is one index
// probe in process, and dropping a constraint there means rebuilding the table.
//
// Recipients leave a quarter of each page free (fillfactor 75, for pages written from now on):
// every batch updates the counters of up to 500 of them, and an updated row that finds no room
// on its page moves, which writes an entry into each of the table's six indexes; with room,
// PostgreSQL updates it in place (a heap-only tuple: no counter column is indexed).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
type Db = Kysely<any>;

const postgres = (db: Db) => sql`${0}`.compile(db).sql === '$1';

export async function up(db: Db): Promise<void> {
  if (!postgres(db)) return;
  await sql`alter table events
    drop constraint if exists events_message_id_fkey,
    drop constraint if exists events_recipient_id_fkey`.execute(db);
  await sql`alter table recipients set (fillfactor = 75)`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!postgres(db)) return;
  await sql`alter table recipients reset (fillfactor)`.execute(db);
  await sql`alter table events
    add constraint events_message_id_fkey foreign key (message_id) references messages (id) on delete cascade,
    add constraint events_recipient_id_fkey foreign key (recipient_id) references recipients (id) on delete cascade`.execute(
    db,
  );
}
