import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
//
// The shared mailbox over IMAP (issue 17, points 3 and 4):
// - `mailbox_states`: per workspace, how far its INBOX has been read (the UIDVALIDITY and the
//   last UID seen, RFC 9051 §2.3.1.1), written in the transaction that records what the mail
//   became, so a restart resumes after the last mail counted; and the mailbox's health as last
//   seen (a login, a Sent append, a watch), which the settings show. `account` names the IMAP
//   account the position belongs to: another account starts afresh.
// - `recipients.replied`: how many replies a recipient sent (automatic ones left out).
// - `copies(message_id_header)`: a reply names our copy by its Message-ID (In-Reply-To,
//   References); one indexed lookup per reply.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mailbox_states')
    .addColumn('workspace_id', 'text', (c) =>
      c.primaryKey().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'bigint')
    .addColumn('last_uid', 'bigint')
    .addColumn('status_ok', 'integer')
    .addColumn('status_error', 'text')
    .addColumn('checked_at', 'bigint')
    .execute();
  await db.schema
    .alterTable('recipients')
    .addColumn('replied', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('copies_message_id_header')
    .on('copies')
    .column('message_id_header')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('copies_message_id_header').execute();
  await db.schema.alterTable('recipients').dropColumn('replied').execute();
  await db.schema.dropTable('mailbox_states').execute();
}
