import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.js';

/** A mail submitted over SMTP (issue 17): the Message-ID its client gave it, per sending user. */
export interface SubmissionTable {
  senderId: string;
  /** The submitted mail's Message-ID header as the client wrote it, angle brackets included. */
  messageIdHeader: string;
  workspaceId: string;
  /** The message the submission became. */
  messageId: string;
  /** Epoch ms. */
  submittedAt: number;
}
export type SubmissionRow = Selectable<SubmissionTable>;
export type NewSubmissionRow = Insertable<SubmissionTable>;

/**
 * Records a submission. Throws a unique violation (isUniqueViolation) when the sender already
 * submitted a mail with this Message-ID: the caller's transaction then rolls back.
 */
export async function insertSubmission(db: Db, row: NewSubmissionRow): Promise<void> {
  await db.insertInto('submissions').values(row).execute();
}

/** The id of the message the sender's earlier submission of this Message-ID became, if any. */
export async function findSubmittedMessageId(
  db: Db,
  senderId: string,
  messageIdHeader: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('submissions')
    .select('messageId')
    .where('senderId', '=', senderId)
    .where('messageIdHeader', '=', messageIdHeader)
    .executeTakeFirst();
  return row?.messageId;
}
