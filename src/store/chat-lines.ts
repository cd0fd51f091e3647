import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import { countInChunks, deleteInBatches, insertInChunks } from './batches.js';
import type { Database, Db } from './database.js';
import { idTimePrefix } from './ids.js';

/** `mailbox`: the shared mailbox could not take the message's copy (src/mailbox). */
export type ChatLineKind = 'note' | 'tracking' | 'expiry' | 'delivery' | 'mailbox';

/** A line of a message's chat: a team note, or a system line (author null). */
export interface ChatLineTable {
  id: string;
  messageId: string;
  workspaceId: string;
  at: number;
  authorId: string | null;
  kind: ChatLineKind;
  /** A note's text as its author wrote it; empty on every other line (see `fact`). */
  text: string;
  /** JSON with the structured facts behind a system line (recipient, SMTP reply, …). */
  data: string | null;
  /**
   * What a system or tracking line says happened, as JSON facts (`{kind, data}`,
   * src/notify/facts.ts), worded when read in the reader's language; null on notes.
   */
  fact: string | null;
  /**
   * A tracking line's recipient, action and link or file: what repeats share to fold into it,
   * as notifications fold. Null on every other line (and on lines from before folding): they
   * never fold.
   */
  foldKey: string | null;
  /** How many events the line stands for: 1, more once repeats fold into it. */
  count: Generated<number>;
  /** The last event folded into a tracking line (a job run again finds itself told). */
  eventId: string | null;
}
export type ChatLineRow = Selectable<ChatLineTable>;

/** A tracking line as the fan-out writes it. */
export type NewTrackingLine = Insertable<ChatLineTable> & {
  kind: 'tracking';
  foldKey: string;
  count: number;
  eventId: string;
};

export async function insertChatLine(db: Db, row: Insertable<ChatLineTable>): Promise<void> {
  await db.insertInto('chatLines').values(row).execute();
}

/** Inserts chat lines, 200 a statement; a line whose id exists already is left as it is. */
export async function insertChatLinesOnce(db: Db, rows: readonly NewTrackingLine[]): Promise<void> {
  await insertInChunks(rows, (chunk) =>
    db
      .insertInto('chatLines')
      .values(chunk)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  );
}

/**
 * The tracking lines with these fold keys changed since `since` (epoch ms), newest first: what
 * repeats may fold into. One query for a whole chunk of runs (a fold key names its recipient,
 * so its message too); the caller picks, per key, the newest within its own window.
 */
export function findChatFoldTargets(
  db: Db,
  foldKeys: readonly string[],
  since: number,
): Promise<ChatLineRow[]> {
  if (foldKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('chatLines')
    .selectAll()
    .where('foldKey', 'in', foldKeys)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .execute();
}

/** A fold into a tracking line: its new facts, time (epoch ms), count, last event and data. */
export async function updateChatLine(
  db: Db,
  id: string,
  update: { fact: string; at: number; count: number; eventId: string; data: string },
): Promise<void> {
  await db.updateTable('chatLines').set(update).where('id', '=', id).execute();
}

/**
 * The tracking lines with this fold key whose latest event is `fromEventId` or later, by that
 * event, and the latest event of the line before them (undefined when none): what a relabel of
 * that event may have to retell. Served by `chat_lines_fold` (the key).
 */
export async function listChatLinesToRetell(
  db: Db,
  foldKey: string,
  fromEventId: string,
): Promise<{ lines: ChatLineRow[]; before: string | undefined }> {
  const lines = await db
    .selectFrom('chatLines')
    .selectAll()
    .where('foldKey', '=', foldKey)
    .where('eventId', '>=', fromEventId)
    .orderBy('eventId')
    .execute();
  const previous = await db
    .selectFrom('chatLines')
    .select((eb) => eb.fn.max('eventId').as('eventId'))
    .where('foldKey', '=', foldKey)
    .where('eventId', '<', fromEventId)
    .executeTakeFirst();
  return { lines, before: previous?.eventId ?? undefined };
}

export type ChatLineWithAuthor = ChatLineRow & { authorName: string | null };

/**
 * The chat in time order, each line with its author's name (null for system lines): chat lines,
 * joined to users for the name.
 */
export function listChatLines(db: Db, messageId: string): Promise<ChatLineWithAuthor[]> {
  return db
    .selectFrom('chatLines')
    .leftJoin('users', 'users.id', 'chatLines.authorId')
    .selectAll('chatLines')
    .select('users.name as authorName')
    .where('chatLines.messageId', '=', messageId)
    .orderBy('chatLines.at')
    .orderBy('chatLines.id')
    .execute();
}

/**
 * Deletes the chat lines about tracking (kind `tracking`: who opened, clicked, downloaded) from
 * before `before` (epoch ms): the retention purge. Team notes, expiry and delivery lines stay.
 * A batch per statement along the primary key (a tracking line's id is its event's, made at its
 * time). Returns how many went.
 */
export function purgeTrackingLinesBefore(db: Kysely<Database>, before: number): Promise<number> {
  const bound = idTimePrefix(before);
  return deleteInBatches(
    (limit) =>
      db
        .selectFrom('chatLines')
        .select('id')
        .where('id', '<', bound)
        .where('kind', '=', 'tracking')
        .where('at', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute(),
    (ids) => db.deleteFrom('chatLines').where('id', 'in', ids).executeTakeFirst(),
  );
}

/**
 * The chat lines an erasure looks through: every line of these messages, and the workspace's
 * team notes that hold an `@` (a note may quote an address on any message).
 */
export function listChatLinesToCheck(
  db: Db,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<Pick<ChatLineRow, 'id' | 'text' | 'data' | 'fact'>[]> {
  return db
    .selectFrom('chatLines')
    .select(['id', 'text', 'data', 'fact'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(messageIds.length > 0 ? [eb('messageId', 'in', messageIds)] : []),
        eb.and([eb('kind', '=', 'note'), eb('text', 'like', '%@%')]),
      ]),
    )
    .execute();
}

/** Deletes chat lines by id; returns how many went. */
export function deleteChatLines(db: Db, ids: readonly string[]): Promise<number> {
  return countInChunks(ids, (chunk) =>
    db.deleteFrom('chatLines').where('id', 'in', chunk).executeTakeFirst(),
  );
}
