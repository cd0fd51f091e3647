import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app, so the address key is written out again below
// (the rule of `src/mail/address-key.ts` on 2 December 2026). Should that rule change, a new
// migration re-keys the rows: this one must go on computing what it computed.
//
// Every privacy comparison of addresses moves from SQL's `lower()` (SQLite's folds ASCII only:
// `JOSÉ.Ünal@…` and `josé.ünal@…` stayed two people) to a key computed in JavaScript:
// - recipients gain `email_key`, indexed with the workspace, in place of the `lower(email)`
//   index, which only that comparison used;
// - do-not-track entries become keys themselves (`josé.ünal@xn--bcher-kva.example`,
//   `@xn--bcher-kva.example`); entries that were one person under two spellings are merged, the
//   recipient's own opt-out winning over an admin's entry (only the recipient may withdraw it);
// - a recipient marked opted out whose entry an admin had deleted (the old DELETE allowed it)
//   gets the entry back: their choice stands until they withdraw it themselves;
// - every copy to an opted-out address, whatever its spelling, is marked with the opt-out.

function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
}

function domainKey(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, '')).toLowerCase();
  const fits = ascii.length <= 253 && ascii.split('.').every((l) => l.length > 0 && l.length <= 63);
  return ascii && fits ? ascii : undefined;
}

function addressKey(email: string): string | undefined {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = domainKey(trimmed.slice(at + 1));
  return domain ? `${foldCase(trimmed.slice(0, at))}@${domain}` : undefined;
}

/** A do-not-track entry's key: `@domain` or an address; unchanged when it is neither. */
function entryKey(entry: string): string {
  if (entry.startsWith('@')) {
    const domain = domainKey(entry.slice(1));
    return domain ? `@${domain}` : entry;
  }
  return addressKey(entry) ?? entry;
}

interface EntryRow {
  id: string;
  workspace_id: string;
  entry: string;
  source: string;
  created_at: number | string;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
async function keyRecipients(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recipients').addColumn('email_key', 'text').execute();
  // One statement per distinct address, not per row: a newsletter's recipients share few.
  const emails: { email: string }[] = await db
    .selectFrom('recipients')
    .select('email')
    .distinct()
    .execute();
  for (const { email } of emails) {
    await db
      .updateTable('recipients')
      // An address with no key (never valid, so never sent) keys as itself: it still matches
      // its own spelling and nothing else.
      .set({ email_key: addressKey(email) ?? email })
      .where('email', '=', email)
      .execute();
  }
  await db.schema.dropIndex('recipients_workspace_email').execute();
  await db.schema
    .createIndex('recipients_workspace_email_key')
    .on('recipients')
    .columns(['workspace_id', 'email_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function keyDoNotTrack(db: Kysely<any>): Promise<void> {
  const rows = (await db
    .selectFrom('do_not_track')
    .selectAll()
    .orderBy('id')
    .execute()) as EntryRow[];
  const groups = new Map<string, EntryRow[]>();
  for (const row of rows) {
    const group = `${row.workspace_id}\n${entryKey(row.entry)}`;
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  for (const [group, members] of groups) {
    const key = group.slice(group.indexOf('\n') + 1);
    // The opt-out first, then the oldest: one entry stands for the person.
    const [kept, ...merged] = [...members].sort(
      (a, b) =>
        Number(b.source === 'opt_out') - Number(a.source === 'opt_out') ||
        Number(a.created_at) - Number(b.created_at),
    );
    if (!kept) continue;
    for (const row of merged)
      await db.deleteFrom('do_not_track').where('id', '=', row.id).execute();
    if (kept.entry !== key)
      await db.updateTable('do_not_track').set({ entry: key }).where('id', '=', kept.id).execute();
  }

  // Opt-outs whose entry is gone: the earliest opt-out of each address puts it back.
  const orphans: { workspace_id: string; email_key: string; at: number | string }[] = await db
    .selectFrom('recipients')
    .select(['workspace_id', 'email_key', sql<number>`min(opted_out_at)`.as('at')])
    .where('opted_out_at', 'is not', null)
    .groupBy(['workspace_id', 'email_key'])
    .execute();
  for (const orphan of orphans) {
    const present = await db
      .selectFrom('do_not_track')
      .select(['id', 'source'])
      .where('workspace_id', '=', orphan.workspace_id)
      .where('entry', '=', orphan.email_key)
      .executeTakeFirst();
    if (present?.source === 'opt_out') continue;
    if (present) {
      await db
        .updateTable('do_not_track')
        .set({ source: 'opt_out', created_at: Number(orphan.at) })
        .where('id', '=', present.id)
        .execute();
      continue;
    }
    await db
      .insertInto('do_not_track')
      .values({
        id: randomUUID(),
        workspace_id: orphan.workspace_id,
        entry: orphan.email_key,
        source: 'opt_out',
        created_by: null,
        created_at: Number(orphan.at),
      })
      .execute();
  }
}

/** Every copy to an opted-out address, however it was spelt, carries the opt-out's time. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
async function markEverySpelling(db: Kysely<any>): Promise<void> {
  const optOuts = (await db
    .selectFrom('do_not_track')
    .selectAll()
    .where('source', '=', 'opt_out')
    .execute()) as EntryRow[];
  for (const entry of optOuts) {
    await db
      .updateTable('recipients')
      .set({ opted_out_at: Number(entry.created_at) })
      .where('workspace_id', '=', entry.workspace_id)
      .where('email_key', '=', entry.entry)
      .where('opted_out_at', 'is', null)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function up(db: Kysely<any>): Promise<void> {
  await keyRecipients(db);
  await keyDoNotTrack(db);
  await markEverySpelling(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  // Entries stay keyed: a key is also a valid lower-cased entry of the old form.
  await db.schema.dropIndex('recipients_workspace_email_key').execute();
  await db.schema.alterTable('recipients').dropColumn('email_key').execute();
  await db.schema
    .createIndex('recipients_workspace_email')
    .on('recipients')
    .columns(['workspace_id'])
    .expression(sql`lower(email)`)
    .execute();
}
