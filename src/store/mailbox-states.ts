import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/**
 * A workspace's shared mailbox as last seen: how far its INBOX has been read, and its health.
 * One row per workspace with a mailbox (src/mailbox).
 */
export interface MailboxStateTable {
  workspaceId: string;
  /** The IMAP account the position belongs to (`user@host:port`): another starts afresh. */
  account: string;
  /** The INBOX's UIDVALIDITY when `lastUid` was read (RFC 9051 §2.3.1.1); null before the first read. */
  uidValidity: number | null;
  /** The highest UID read and recorded; null before the first read. */
  lastUid: number | null;
  /** 1 when the last login, append or watch went well, 0 when it failed; null: never tried. */
  statusOk: number | null;
  /** What failed last (a fixed description, never the server's words or a secret). */
  statusError: string | null;
  /** When the status was last set, epoch ms. */
  checkedAt: number | null;
}
export type MailboxStateRow = Selectable<MailboxStateTable>;

/** The mailbox state of a workspace, if it has one. Numbers come back as numbers on both engines. */
export async function findMailboxState(
  db: Db,
  workspaceId: string,
): Promise<MailboxStateRow | undefined> {
  const row = await db
    .selectFrom('mailboxStates')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const number = (value: number | null) => (value === null ? null : Number(value));
  return {
    ...row,
    uidValidity: number(row.uidValidity),
    lastUid: number(row.lastUid),
    checkedAt: number(row.checkedAt),
  };
}

/**
 * Starts reading `account`'s INBOX at `uidValidity`/`lastUid` unless the row already reads that
 * account (a save that changed nothing of the account keeps the position). Returns whether the
 * position was set.
 */
export async function startMailboxPosition(
  db: Db,
  workspaceId: string,
  position: { account: string; uidValidity: number; lastUid: number },
): Promise<boolean> {
  const current = await findMailboxState(db, workspaceId);
  if (current?.account === position.account && current.uidValidity !== null) return false;
  await db
    .insertInto('mailboxStates')
    .values({ workspaceId, ...position, statusOk: null, statusError: null, checkedAt: null })
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({
        account: position.account,
        uidValidity: position.uidValidity,
        lastUid: position.lastUid,
      }),
    )
    .execute();
  return true;
}

/**
 * Moves the position from `from` to `to` (UIDs of one UIDVALIDITY), in the transaction that
 * records what the mail in between became. False when the row is no longer at `from` for that
 * account: another node (or an earlier run whose commit was not seen) read those mails already,
 * and the caller rolls back so nothing counts twice — the hit log's fence, for the INBOX.
 */
export async function advanceMailboxPosition(
  db: Db,
  workspaceId: string,
  account: string,
  from: { uidValidity: number; lastUid: number },
  to: { uidValidity: number; lastUid: number },
): Promise<boolean> {
  const result = await db
    .updateTable('mailboxStates')
    .set({ uidValidity: to.uidValidity, lastUid: to.lastUid })
    .where('workspaceId', '=', workspaceId)
    .where('account', '=', account)
    .where('uidValidity', '=', from.uidValidity)
    .where('lastUid', '=', from.lastUid)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the mailbox's health as just seen (`error` null when it went well). */
export async function setMailboxStatus(
  db: Db,
  workspaceId: string,
  account: string,
  status: { error: string | null; at: number },
): Promise<void> {
  const values = {
    statusOk: status.error === null ? 1 : 0,
    statusError: status.error,
    checkedAt: status.at,
  };
  await db
    .insertInto('mailboxStates')
    .values({ workspaceId, account, uidValidity: null, lastUid: null, ...values })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet(values))
    .execute();
}

/** Forgets the workspace's mailbox state (its mailbox setting was removed). */
export async function deleteMailboxState(db: Db, workspaceId: string): Promise<void> {
  await db.deleteFrom('mailboxStates').where('workspaceId', '=', workspaceId).execute();
}
