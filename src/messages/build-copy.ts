import { pipeline, type Readable, Transform } from 'node:stream';
import type { BlobStore } from '../blobs/index.js';
import { toLanguage } from '../i18n/index.js';
import {
  type AggregateTracking,
  type CopyFile,
  type CopyTracking,
  composeCopy,
  streamMime,
} from '../mail/index.js';
import {
  type CopyRow,
  listMessageAttachments,
  type MessageRow,
  parseAddresses,
  type RecipientRow,
  type Store,
} from '../store/index.js';
import { type WorkspaceSettings, workspaceSettings } from '../workspace/index.js';
import { inlineAttachmentIds } from './inline-images.js';

/** The tracking URLs of a copy, from its tracking id (signed by the tracking module). */
export type CopyUrls = (
  trackingId: string,
) => Omit<CopyTracking, 'attachmentsExpireAt' | 'language' | 'privacyNotice'>;

/** The URLs of a message's shared pixel (the `aggregate` policy), from its aggregate id. */
export type AggregateUrls = (aggregateId: string) => { pixelUrl: string; aboutUrl: string };

export interface BuildCopyDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly copyUrls: CopyUrls;
  readonly aggregateUrls: AggregateUrls;
}

/**
 * The shared pixel of a copy sent under `aggregate` to recipients the do-not-track list does not
 * leave untracked, and its foot line when the workspace's notice is on.
 */
function sharedPixelOf(
  deps: BuildCopyDeps,
  message: MessageRow,
  recipient: RecipientRow,
  settings: WorkspaceSettings,
): AggregateTracking | undefined {
  if (recipient.notTrackedReason !== 'aggregate' || message.aggregateId === null) return undefined;
  const urls = deps.aggregateUrls(message.aggregateId);
  return {
    pixelUrl: urls.pixelUrl,
    notice: settings.privacyNotice.enabled
      ? { url: urls.aboutUrl, language: toLanguage(message.language) }
      : undefined,
  };
}

/**
 * The message's files, with the bytes of those the copy carries opened as streams (not read
 * yet): all of them for an untracked copy, the inline images only for a tracked one. The MIME
 * writer reads each as the relay takes the mail. A file that ends short of (or past) its
 * recorded size fails the stream rather than go out cut. On error the streams opened are
 * destroyed before it is thrown.
 */
export async function openFiles(
  deps: Pick<BuildCopyDeps, 'store' | 'blobs'>,
  message: MessageRow,
  tracked: boolean,
) {
  const attachments = await listMessageAttachments(deps.store.db, message.id);
  const inline = inlineAttachmentIds(
    message.html,
    attachments.map((a) => a.id),
  );
  const files: CopyFile[] = [];
  const streams: Readable[] = [];
  try {
    for (const attachment of attachments) {
      const carried = inline.has(attachment.id) || !tracked;
      let content: Readable | undefined;
      if (carried) {
        const opened = await deps.blobs.open(attachment.sha256);
        if (!opened) throw new Error(`the bytes of attachment ${attachment.id} are missing`);
        content = ofSize(opened.stream, attachment.size, `attachment ${attachment.id}`);
        streams.push(content);
      }
      files.push({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        content,
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
 * `source` passed on, failing once it has given more than `size` bytes or ends with fewer (a
 * blob cut short on disk would otherwise go out as a shorter file). Destroying the stream
 * returned destroys `source`.
 */
function ofSize(source: Readable, size: number, what: string): Readable {
  let seen = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) return done(new Error(`${what}: more than its ${size} bytes`));
      done(null, chunk);
    },
    flush(done) {
      done(seen === size ? null : new Error(`${what}: ${seen} of its ${size} bytes`));
    },
  });
  return pipeline(source, count, () => {});
}

/** The tracking side of a copy: its URLs, and the notice and language the message's copies use. */
export function copyTracking(
  copyUrls: CopyUrls,
  trackingId: string,
  message: Pick<MessageRow, 'language'>,
  settings: Pick<WorkspaceSettings, 'privacyNotice'>,
  files: { attachmentsExpireAt: Date },
): CopyTracking {
  return {
    ...copyUrls(trackingId),
    attachmentsExpireAt: files.attachmentsExpireAt,
    language: toLanguage(message.language),
    // Switched off, the sentence goes and the opt-out link stays: a tracked copy always has one.
    privacyNotice: settings.privacyNotice.enabled
      ? { text: settings.privacyNotice.text }
      : { text: null, linkOnly: true },
  };
}

/**
 * A copy's whole message for `recipient`, as a stream of its RFC 5322 bytes written as they are
 * read (streamMime): the message's parts and files, and, when the copy is tracked, its pixel,
 * links, privacy notice and attachment links. Also returns the workspace's settings it read (the
 * relay to send through). The caller reads `raw` to the end or destroys it, which releases the
 * files it reads from; reading it fails if a file's bytes fail. Throws (having released the
 * files) when the copy cannot be made: a file's bytes missing, an address refused.
 */
export async function buildCopy(
  deps: BuildCopyDeps,
  message: MessageRow,
  copy: CopyRow,
  recipient: RecipientRow,
): Promise<{ raw: Readable; settings: WorkspaceSettings }> {
  const settings = await workspaceSettings(deps.store.db, message.workspaceId);
  const trackingId = copy.tracked === 1 ? recipient.trackingId : null;
  const { files, streams, expiresAt } = await openFiles(deps, message, trackingId !== null);
  try {
    const tracking =
      trackingId !== null
        ? copyTracking(deps.copyUrls, trackingId, message, settings, {
            attachmentsExpireAt: new Date(expiresAt ?? message.sentAt ?? Date.now()),
          })
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
      aggregate: sharedPixelOf(deps, message, recipient, settings),
    });
    return { raw: streamMime(mail), settings };
  } catch (error) {
    for (const stream of streams) stream.destroy();
    throw error;
  }
}
