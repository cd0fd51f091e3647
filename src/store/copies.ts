import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

/** Delivery state of one SMTP transaction (a copy) and of each recipient in it. */
export type Delivery = 'queued' | 'sending' | 'sent' | 'deferred' | 'rejected' | 'failed';
export type RecipientKind = 'to' | 'cc' | 'bcc';
export type NotTrackedReason = 'tracking_off' | 'do_not_track';

/** One SMTP transaction: with tracking, one per recipient; without, one for all. */
export interface CopyTable {
  id: string;
  messageId: string;
  workspaceId: string;
  tracked: number;
  /** The Message-ID header, fixed at enqueue so every retry carries the same one. */
  messageIdHeader: string;
  status: Delivery;
  attempts: number;
  smtpResponse: string | null;
  lastAttemptAt: number | null;
  sentAt: number | null;
}
export type CopyRow = Selectable<CopyTable>;

export interface RecipientTable {
  id: string;
  messageId: string;
  workspaceId: string;
  copyId: string;
  email: string;
  name: string | null;
  kind: RecipientKind;
  position: number;
  tracked: number;
  notTrackedReason: NotTrackedReason | null;
  /** Random id the tracking tokens of this recipient's copy carry (base64url); null untracked. */
  trackingId: string | null;
  delivery: Delivery;
  smtpResponse: string | null;
  /** People's events (human and proxy, inferred opens included). */
  opens: number;
  clicks: number;
  downloads: number;
  /** Machines' events (prefetchers, scanners, link checkers), counted apart. */
  machineOpens: number;
  machineClicks: number;
  machineDownloads: number;
  lastEventAt: number | null;
  optedOutAt: number | null;
}
export type RecipientRow = Selectable<RecipientTable>;

/** A recipient's counters before any event: people's and machines'. */
export const ZERO_COUNTERS = Object.freeze({
  opens: 0,
  clicks: 0,
  downloads: 0,
  machineOpens: 0,
  machineClicks: 0,
  machineDownloads: 0,
});

export async function insertCopies(
  db: Db,
  copies: readonly Insertable<CopyTable>[],
  recipients: readonly Insertable<RecipientTable>[],
): Promise<void> {
  if (copies.length > 0)
    await db
      .insertInto('copies')
      .values([...copies])
      .execute();
  if (recipients.length > 0)
    await db
      .insertInto('recipients')
      .values([...recipients])
      .execute();
}

export function findCopy(db: Db, id: string): Promise<CopyRow | undefined> {
  return db.selectFrom('copies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCopies(db: Db, messageId: string): Promise<CopyRow[]> {
  return db.selectFrom('copies').selectAll().where('messageId', '=', messageId).execute();
}

export function listRecipients(db: Db, messageId: string): Promise<RecipientRow[]> {
  return db
    .selectFrom('recipients')
    .selectAll()
    .where('messageId', '=', messageId)
    .orderBy('position')
    .execute();
}

export function listCopyRecipients(db: Db, copyId: string): Promise<RecipientRow[]> {
  return db
    .selectFrom('recipients')
    .selectAll()
    .where('copyId', '=', copyId)
    .orderBy('position')
    .execute();
}

export async function updateCopy(
  db: Db,
  id: string,
  update: Partial<Omit<CopyRow, 'id' | 'messageId' | 'workspaceId'>>,
): Promise<void> {
  await db.updateTable('copies').set(update).where('id', '=', id).execute();
}

export async function setRecipientDelivery(
  db: Db,
  ids: readonly string[],
  delivery: Delivery,
  smtpResponse: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('recipients')
    .set({ delivery, smtpResponse })
    .where('id', 'in', ids)
    .execute();
}

export function listRecipientsOfMessages(
  db: Db,
  messageIds: readonly string[],
): Promise<RecipientRow[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('recipients')
    .selectAll()
    .where('messageId', 'in', messageIds)
    .orderBy('position')
    .execute();
}
