import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import { DEFAULT_LANGUAGE, formatLongDate, wording } from '../i18n/index.js';
import { postSystemLine, workspaceMessage } from '../notify/index.js';
import {
  type Database,
  listMessageAttachments,
  type MessageAttachment,
  type UserRow,
  updateMessageAttachment,
} from '../store/index.js';

export interface LinkChange {
  /** A new end for the link: later extends it, earlier shortens it (in the past: ends it now). */
  readonly expiresAt?: Date;
  /** true withdraws the link at once; false gives it back. */
  readonly revoked?: boolean;
}

// System lines have always been written in the default language, while the chat's tracking
// lines speak the message's; unifying them is a product decision, not made here.
function describe(
  user: UserRow,
  before: MessageAttachment,
  after: MessageAttachment,
  now: number,
): string {
  const words = wording(DEFAULT_LANGUAGE).chat;
  const file = before.filename;
  if (before.revokedAt === null && after.revokedAt !== null) {
    return words.linkRevoked(user.name, file);
  }
  const until =
    after.expiresAt === null
      ? undefined
      : formatLongDate(new Date(after.expiresAt), DEFAULT_LANGUAGE);
  if (before.revokedAt !== null && after.revokedAt === null) {
    return words.linkRestored(user.name, file, until);
  }
  // Ended, not shortened: the link stopped working with this change.
  const wasLive = before.expiresAt === null || before.expiresAt > now;
  if (wasLive && after.expiresAt !== null && after.expiresAt <= now) {
    return words.linkEnded(user.name, file);
  }
  return (after.expiresAt ?? 0) >= (before.expiresAt ?? 0)
    ? words.linkExtended(user.name, file, until)
    : words.linkShortened(user.name, file, until);
}

/**
 * Extends, shortens or revokes a sent message's attachment link, and says so in the message's
 * chat. A draft has no link yet (409 message_not_sent).
 */
export async function changeAttachmentLink(
  db: Kysely<Database>,
  user: UserRow,
  messageId: string,
  attachmentId: string,
  change: LinkChange,
): Promise<MessageAttachment> {
  if (change.expiresAt === undefined && change.revoked === undefined) {
    fail('MB_ERR_VALIDATION', 'give expiresAt, revoked, or both');
  }
  return db.transaction().execute(async (trx) => {
    const message = await workspaceMessage(trx, user.workspaceId, messageId);
    if (message.status === 'draft') fail('MB_ERR_MESSAGE_NOT_SENT');
    const before = (await listMessageAttachments(trx, messageId)).find(
      (a) => a.id === attachmentId,
    );
    if (!before) fail('MB_ERR_NOT_FOUND', 'No such attachment on this message');
    const now = Date.now();
    const after: MessageAttachment = {
      ...before,
      expiresAt: change.expiresAt
        ? Math.max(change.expiresAt.getTime(), Math.min(now, before.expiresAt ?? now))
        : before.expiresAt,
      revokedAt:
        change.revoked === undefined
          ? before.revokedAt
          : change.revoked
            ? (before.revokedAt ?? now)
            : null,
    };
    await updateMessageAttachment(trx, messageId, attachmentId, {
      expiresAt: after.expiresAt ?? undefined,
      revokedAt: after.revokedAt,
    });
    await postSystemLine(
      trx,
      {
        messageId,
        workspaceId: user.workspaceId,
        kind: 'expiry',
        text: describe(user, before, after, now),
        data: {
          attachmentId,
          filename: before.filename,
          expiresAt: after.expiresAt === null ? null : new Date(after.expiresAt).toISOString(),
          revoked: after.revokedAt !== null,
        },
      },
      user.id,
    );
    return after;
  });
}
