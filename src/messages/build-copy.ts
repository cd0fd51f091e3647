import type { Readable } from 'node:stream';
import type { BlobStore } from '../blobs/index.js';
import { toLanguage } from '../i18n/index.js';
import { buildMime, type CopyFile, type CopyTracking, composeCopy } from '../mail/index.js';
import {
  type CopyRow,
  listMessageAttachments,
  type MessageRow,
  parseAddresses,
  type RecipientRow,
  type Store,
} from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { inlineAttachmentIds } from './inline-images.js';

/** The tracking URLs of a copy, from its tracking id (signed by the tracking module). */
export type CopyUrls = (
  trackingId: string,
) => Omit<CopyTracking, 'attachmentsExpireAt' | 'language' | 'privacyNotice'>;

export interface BuildCopyDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly copyUrls: CopyUrls;
}

/**
 * The message's files, their bytes opened as streams (not read yet): the MIME builder reads
 * those the copy carries while it encodes them, so no file is ever held whole besides its
 * encoded form in the built mail. The caller destroys the streams once the mail is built
 * (those of files a tracked copy leaves out were never read).
 */
async function openFiles(deps: BuildCopyDeps, message: MessageRow) {
  const attachments = await listMessageAttachments(deps.store.db, message.id);
  const inline = inlineAttachmentIds(
    message.html,
    attachments.map((a) => a.id),
  );
  const files: CopyFile[] = [];
  const streams: Readable[] = [];
  try {
    for (const attachment of attachments) {
      const opened = await deps.blobs.open(attachment.sha256);
      if (!opened) throw new Error(`the bytes of attachment ${attachment.id} are missing`);
      streams.push(opened.stream);
      files.push({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        content: opened.stream,
        inline: inline.has(attachment.id),
      });
    }
  } catch (error) {
    for (const stream of streams) stream.destroy();
    throw error;
  }
  // One expiry for all of a message's files at send time; later changes apply per file.
  const expiresAt = attachments[0]?.expiresAt ?? null;
  return { files, streams, expiresAt };
}

/**
 * A copy's whole message (RFC 5322 bytes) for `recipient`: the message's parts and files, and,
 * when the copy is tracked, its pixel, links, privacy notice and attachment links. Also returns
 * the workspace's settings it read (the relay to send through).
 */
export async function buildCopy(
  deps: BuildCopyDeps,
  message: MessageRow,
  copy: CopyRow,
  recipient: RecipientRow,
) {
  const settings = await workspaceSettings(deps.store.db, message.workspaceId);
  const { files, streams, expiresAt } = await openFiles(deps, message);
  try {
    const tracking: CopyTracking | undefined =
      copy.tracked === 1 && recipient.trackingId
        ? {
            ...deps.copyUrls(recipient.trackingId),
            attachmentsExpireAt: new Date(expiresAt ?? message.sentAt ?? Date.now()),
            language: toLanguage(message.language),
            privacyNotice: settings.privacyNotice.enabled
              ? { text: settings.privacyNotice.text }
              : undefined,
          }
        : undefined;
    const mail = composeCopy({
      from: { email: message.fromEmail!, ...(message.fromName ? { name: message.fromName } : {}) },
      to: parseAddresses(message.toList),
      cc: parseAddresses(message.ccList),
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: copy.messageIdHeader,
      date: new Date(message.sentAt ?? Date.now()),
      files,
      tracking,
    });
    return { raw: await buildMime(mail), settings };
  } finally {
    for (const stream of streams) stream.destroy();
  }
}
