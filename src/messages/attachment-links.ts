import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import { type LineFact, postSystemLine, workspaceMessage } from '../notify/index.js';
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

/**
 * What the chat says about the change, as facts: each reader reads it in their own language,
 * the new end written as their language writes a day.
 */
function describe(
  user: UserRow,
  before: MessageAttachment,
  after: MessageAttachment,
  now: number,
): LineFact {
  const link = { user: user.name, file: before.filename };
  if (before.revokedAt === null && after.revokedAt !== null) {
    return { kind: 'link_revoked', data: link };
  }
  const until = after.expiresAt === null ? null : new Date(after.expiresAt).toISOString();
  if (before.revokedAt !== null && after.revokedAt === null) {
    return { kind: 'link_restored', data: { ...link, until } };
  }
  // Ended, not shortened: the link stopped working with this change.
  const wasLive = before.expiresAt === null || before.expiresAt > now;
  if (wasLive && after.expiresAt !== null && after.expiresAt <= now) {
    return { kind: 'link_ended', data: link };
  }
  return {
    kind: (after.expiresAt ?? 0) >= (before.expiresAt ?? 0) ? 'link_extended' : 'link_shortened',
    data: { ...link, until },
  };
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
        fact: describe(user, before, after, now),
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
