import type { Readable } from 'node:stream';
import type { BlobStore } from '../blobs/index.js';
import { composeCopy, streamMime } from '../mail/index.js';
import { type MessageRow, parseAddresses, type Store } from '../store/index.js';
import { openFiles } from './build-copy.js';
import { messageIdFor } from './send.js';

/**
 * The Message-ID of the team's copy: the one copy's own when the message went out as one copy
 * (untracked, or a single recipient), so that replies thread with it in the team's mail client;
 * else one of its own (`<message id@domain of From>`): each tracked copy has a Message-ID of its
 * own and the Sent copy can carry only one.
 */
export function teamMessageIdOf(
  message: Pick<MessageRow, 'id' | 'fromEmail'>,
  copyMessageIds: readonly string[],
): string {
  if (copyMessageIds.length === 1) return copyMessageIds[0]!;
  return messageIdFor(message.id, message.fromEmail ?? 'mailbeacon.invalid');
}

/**
 * The message as the team wrote it, as RFC 5322 bytes streamed as they are read: its html and
 * text as composed, every file attached, no pixel, no rewritten link, no notice, no download
 * block — what a mail client keeps in Sent. To and Cc as sent; Bcc is left out (MailCopy has no
 * Bcc, so a blind recipient can never leak through a header). Throws when a file's bytes are
 * missing; the stream fails if a file's bytes fail.
 */
export async function buildTeamCopy(
  deps: { readonly store: Store; readonly blobs: BlobStore },
  message: MessageRow,
  messageId: string,
): Promise<Readable> {
  const { files, streams } = await openFiles(deps, message, false);
  try {
    const mail = composeCopy({
      from: { email: message.fromEmail!, ...(message.fromName ? { name: message.fromName } : {}) },
      to: parseAddresses(message.toList),
      cc: parseAddresses(message.ccList),
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId,
      date: new Date(message.sentAt ?? Date.now()),
      files,
    });
    return streamMime(mail);
  } catch (error) {
    for (const stream of streams) stream.destroy();
    throw error;
  }
}
