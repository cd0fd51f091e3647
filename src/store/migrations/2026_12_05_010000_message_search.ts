import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app, so the folding of `src/mail/search-text.ts` (as
// of 5 December 2026) is written out below. Should that rule change, a new migration computes
// the texts again: this one must go on computing what it computed.
//
// The sent list's search (issue 16, point 8): each message keeps `search_text`, its subject and
// its To, Cc and Bcc addresses and names, case-folded and without accents, one field a line.
// SQL folds case alike on neither engine, so the search compares this text with a plain LIKE.
// Every message written before gets its text here, drafts included.

const BATCH = 500;

function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
}

function foldForSearch(text: string): string {
  return foldCase(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .normalize('NFC');
}

function addresses(json: string): { email: string; name?: string }[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as { email: string; name?: string }[]) : [];
  } catch {
    return [];
  }
}

interface MessageFields {
  id: string;
  subject: string;
  to_list: string;
  cc_list: string;
  bcc_list: string;
}

function searchText(row: MessageFields): string {
  const all = [...addresses(row.to_list), ...addresses(row.cc_list), ...addresses(row.bcc_list)];
  return [row.subject, ...all.flatMap((a) => [a.email ?? '', a.name ?? ''])]
    .filter((field) => typeof field === 'string' && field !== '')
    .map(foldForSearch)
    .join('\n');
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  let after = '';
  for (;;) {
    const rows: MessageFields[] = await db
      .selectFrom('messages')
      .select(['id', 'subject', 'to_list', 'cc_list', 'bcc_list'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      await db
        .updateTable('messages')
        .set({ search_text: searchText(row) })
        .where('id', '=', row.id)
        .execute();
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)?.id ?? after;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('search_text').execute();
}
