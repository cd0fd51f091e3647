import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app, so the shapes of the facts and the sentences
// the lines were written with (English and Italian, as of 4 December 2026) are written out below.
//
// One language per reader (issue 16, point 4): chat lines and notifications keep what happened
// as facts (`fact`: JSON `{kind, data}`) and are worded when read, in the reader's language.
// Rows written before keep their sentence only; this turns each into facts where its row
// allows:
// - a tracking line or an event's notification: the event it names (its id on the row) gives
//   the recipient, the message's subject, the link or file and whether the open was inferred;
//   the text gives the open's ordinal ("(2nd time)", "(2ª volta)") and whether it said which
//   machine probably did it; the row gives the count;
// - an expiry line: the verb in the text (revoked, restored, extended, shortened, ended, in
//   either language) and the name before it, with the file and the new end from its `data`;
// - a delivery line: the recipient as the text names them, the reply from its `data`;
// - a disabled webhook's notification: URL, failures and last error, read from the text.
// Whatever cannot be read back (an event since purged or erased, a sentence of another form)
// becomes `{kind: 'legacy', data: {text}}`, its stored sentence: nothing is lost, and it reads
// as it was written. Notes keep their text and get no fact. Then the notifications' `text`
// column goes (nothing pre-worded is stored any more); a chat line's `text` is a note's only,
// so the converted lines' is emptied.

type Fact = { kind: string; data: Record<string, unknown> };
type Json = Record<string, unknown>;

const BATCH = 500;
const EVENT_TYPES = new Set(['open', 'click', 'download', 'expired_access', 'opt_out']);

interface EventFacts {
  id: string;
  type: string;
  inferred: number;
  reason: string | null;
  name: string | null;
  email: string;
  subject: string;
  url: string | null;
  filename: string | null;
}

function legacy(text: string): Fact {
  return { kind: 'legacy', data: { text } };
}

function parseJson(text: string | null): Json {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return typeof value === 'object' && value !== null ? (value as Json) : {};
  } catch {
    return {};
  }
}

/** The open's ordinal as the text said it: `(3rd time)`, `(3ª volta)`; 1 when it said none. */
function ordinalIn(text: string): number {
  const match = /\((\d+)(?:st|nd|rd|th) time\)|\((\d+)ª volta\)/.exec(text);
  return match ? Number(match[1] ?? match[2]) : 1;
}

function eventFact(event: EventFacts | undefined, text: string, count: number): Fact {
  if (!event || !EVENT_TYPES.has(event.type)) return legacy(text);
  const saidMachine = text.includes('— probably ') || text.includes('— probabilmente ');
  return {
    kind: 'event',
    data: {
      type: event.type,
      who: event.name || event.email,
      subject: event.subject,
      ...(event.url === null ? {} : { url: event.url }),
      ...(event.filename === null ? {} : { filename: event.filename }),
      ...(event.type === 'open' ? { openNumber: ordinalIn(text) } : {}),
      inferred: Number(event.inferred) === 1,
      ...(saidMachine ? { machineReason: event.reason } : {}),
      count,
    },
  };
}

const LINK_VERBS: readonly [RegExp, string][] = [
  [/^(.+) (?:revoked the link to|ha revocato il link a) /s, 'link_revoked'],
  [/^(.+) (?:restored the link to|ha ripristinato il link a) /s, 'link_restored'],
  [/^(.+) (?:extended the link to|ha prolungato il link a) /s, 'link_extended'],
  [/^(.+) (?:shortened the link to|ha accorciato il link a) /s, 'link_shortened'],
  [/^(.+) (?:ended the link to|ha fatto scadere il link a) /s, 'link_ended'],
];

function expiryFact(text: string, data: Json): Fact {
  if (typeof data.filename !== 'string') return legacy(text);
  for (const [pattern, kind] of LINK_VERBS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const link = { user: match[1]!, file: data.filename };
    if (kind === 'link_revoked' || kind === 'link_ended') return { kind, data: link };
    const until = typeof data.expiresAt === 'string' ? data.expiresAt : null;
    return { kind, data: { ...link, until } };
  }
  return legacy(text);
}

function deliveryFact(text: string, data: Json): Fact {
  const match =
    /^(?:Delivery to (.+) (was rejected|failed)|La consegna a (.+) (è stata rifiutata|non è riuscita)): /s.exec(
      text,
    );
  if (!match || typeof data.response !== 'string') return legacy(text);
  const rejected = match[2] === 'was rejected' || match[4] === 'è stata rifiutata';
  return {
    kind: rejected ? 'delivery_rejected' : 'delivery_failed',
    data: { who: match[1] ?? match[3]!, response: data.response },
  };
}

function webhookFact(text: string): Fact {
  const match =
    /^(?:Webhook (\S+) was disabled after (\d+) failed deliver(?:y|ies) \(last error: (.*)\); create it again once the receiver works|Il webhook (\S+) è stato disattivato dopo (\d+) consegn[ae] non riuscit[ae] \(ultimo errore: (.*)\); ricrealo quando il destinatario funziona)$/s.exec(
      text,
    );
  if (!match) return legacy(text);
  return {
    kind: 'webhook_disabled',
    data: {
      url: match[1] ?? match[4]!,
      failures: Number(match[2] ?? match[5]),
      lastError: match[3] ?? match[6]!,
    },
  };
}

/** The events of these ids with what a line said of them: recipient, subject, link, file. */
async function findEvents(
  // biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was then.
  db: Kysely<any>,
  ids: readonly string[],
): Promise<Map<string, EventFacts>> {
  if (ids.length === 0) return new Map();
  const rows: EventFacts[] = await db
    .selectFrom('events as e')
    .innerJoin('recipients as r', 'r.id', 'e.recipient_id')
    .innerJoin('messages as m', 'm.id', 'e.message_id')
    .leftJoin('message_links as l', (join) =>
      join.onRef('l.message_id', '=', 'e.message_id').onRef('l.idx', '=', 'e.link_idx'),
    )
    .leftJoin('attachments as a', 'a.id', 'e.attachment_id')
    .select([
      'e.id',
      'e.type',
      'e.inferred',
      'e.reason',
      'r.name',
      'r.email',
      'm.subject',
      'l.url',
      'a.filename',
    ])
    .where('e.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

interface ChatRow {
  id: string;
  kind: string;
  text: string;
  data: string | null;
  event_id: string | null;
  count: number | string;
}

interface NotificationRow {
  id: string;
  type: string;
  text: string;
  event_id: string | null;
  count: number | string;
}

/**
 * Gives every row of `table` (notes left out) its fact, a batch at a time along the primary
 * key: `eventOf` names the event a row tells of, `factOf` reads the row with that event's facts.
 */
async function convert<R extends { id: string }>(
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  db: Kysely<any>,
  table: 'chat_lines' | 'notifications',
  columns: readonly string[],
  eventOf: (row: R) => string | undefined,
  factOf: (row: R, event: EventFacts | undefined) => Fact,
): Promise<void> {
  let after = '';
  for (;;) {
    let query = db
      .selectFrom(table)
      .select(columns as string[])
      .where('id', '>', after);
    if (table === 'chat_lines') query = query.where('kind', '!=', 'note');
    const rows = (await query.orderBy('id').limit(BATCH).execute()) as R[];
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const events = await findEvents(
      db,
      rows.flatMap((row) => eventOf(row) ?? []),
    );
    for (const row of rows) {
      const event = eventOf(row);
      const fact = JSON.stringify(factOf(row, event === undefined ? undefined : events.get(event)));
      // A chat line's text is a note's only from now on.
      const set = table === 'chat_lines' ? { fact, text: '' } : { fact };
      await db.updateTable(table).set(set).where('id', '=', row.id).execute();
    }
  }
}

const chatEventId = (row: ChatRow): string | undefined => {
  if (row.kind !== 'tracking') return undefined;
  const data = parseJson(row.data);
  return row.event_id ?? (typeof data.eventId === 'string' ? data.eventId : row.id);
};

function chatFact(row: ChatRow, event: EventFacts | undefined): Fact {
  const data = parseJson(row.data);
  if (row.kind === 'tracking') return eventFact(event, row.text, Number(row.count));
  if (row.kind === 'expiry') return expiryFact(row.text, data);
  if (row.kind === 'delivery') return deliveryFact(row.text, data);
  return legacy(row.text);
}

const notificationEventId = (row: NotificationRow): string | undefined =>
  row.event_id !== null && EVENT_TYPES.has(row.type) ? row.event_id : undefined;

function notificationFact(row: NotificationRow, event: EventFacts | undefined): Fact {
  if (row.type === 'webhook_disabled') return webhookFact(row.text);
  if (notificationEventId(row) !== undefined) {
    return eventFact(event, row.text, Number(row.count));
  }
  return legacy(row.text);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_lines').addColumn('fact', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('fact', 'text').execute();
  await convert(
    db,
    'chat_lines',
    ['id', 'kind', 'text', 'data', 'event_id', 'count'],
    chatEventId,
    chatFact,
  );
  await convert(
    db,
    'notifications',
    ['id', 'type', 'text', 'event_id', 'count'],
    notificationEventId,
    notificationFact,
  );
  await db.schema.alterTable('notifications').dropColumn('text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  // The sentences are not written back (that would take the app's wording, which a migration
  // must not import): notifications come back with empty texts, as do converted chat lines.
  await db.schema
    .alterTable('notifications')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('notifications').dropColumn('fact').execute();
  await db.schema.alterTable('chat_lines').dropColumn('fact').execute();
}
