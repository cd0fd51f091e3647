import { createHash } from 'node:crypto';
import { Lru } from '../lru.js';
import {
  type CopyFile,
  type CopyTracking,
  copyHtml,
  GMAIL_CLIP_BYTES,
  htmlBytesAsSent,
} from '../mail/index.js';
import {
  type AttachmentRow,
  type Db,
  findAttachments,
  type MessageRow,
  TRACKING_ID_BYTES,
  type UserRow,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import type { TrackingPolicy } from '../vocabulary.js';
import { workspaceSettings } from '../workspace/index.js';
import { type CopyUrls, copyTracking } from './build-copy.js';
import type { MessageDetails } from './details.js';
import { checkAttachments } from './drafts.js';
import { inlineAttachmentIds } from './inline-images.js';
import { checkLinkLimit } from './link-limit.js';

/**
 * Gmail will clip the mail (mail/instrument/gmail-clip.ts): `bytes` is the html of a copy as
 * sent (a tracked copy's, instrumented, when tracking is on), over `limit`. The pixel and the
 * privacy notice are moved inside the limit; the rest of the mail is behind "View entire
 * message" in Gmail.
 */
export interface GmailClipWarning {
  readonly code: 'gmail_clip';
  readonly message: string;
  readonly bytes: number;
  readonly limit: number;
}

/** What a message's answer warns its sender about before (and after) sending. */
export type MessageWarning = GmailClipWarning;

/** What the warnings depend on: the html, the files, tracking, the language of the blocks. */
interface ComposedMail {
  readonly workspaceId: string;
  readonly html: string | null;
  readonly tracked: boolean;
  /** The policy it was sent under; for a draft, the workspace's policy now applies. */
  readonly policy?: TrackingPolicy | null;
  readonly language: string;
  readonly attachments: readonly Pick<AttachmentRow, 'id' | 'filename' | 'size' | 'contentType'>[];
  readonly attachmentsExpireAt: Date;
}

// Any tracking id will do: every token of a kind is as long as any other (tracking/tokens.ts),
// so the copy measured here is exactly as long as each recipient's.
const SAMPLE_TRACKING_ID = Buffer.alloc(TRACKING_ID_BYTES).toString('base64url');

// Sizes already measured, by what they depend on. Building a copy parses its html (~12 ms for
// 100 KB, ~130 ms for 2 MB, on the event loop), and a message is read again and again (its page,
// the compose screen's checks); hashing the same inputs costs a fraction of that.
const sizes = new Lru<string, number>(256);

/** The size of a copy's html as sent (htmlBytesAsSent), built with the code that sends it. */
function measured(html: string, files: CopyFile[], tracking: CopyTracking | undefined): number {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        files.map(({ id, filename, size, inline }) => [id, filename, size, inline]),
        tracking && {
          language: tracking.language,
          notice: tracking.privacyNotice ?? null,
          // The expiry is written as a day; any time of that day gives the same bytes.
          expires: tracking.attachmentsExpireAt.toISOString().slice(0, 10),
        },
      ]),
    )
    .update(html)
    .digest('base64url');
  let bytes = sizes.get(key);
  if (bytes === undefined) {
    bytes = htmlBytesAsSent(copyHtml({ html, files, tracking }) ?? '');
    sizes.set(key, bytes);
  }
  return bytes;
}

async function warningsOf(db: Db, copyUrls: CopyUrls, mail: ComposedMail) {
  if (mail.html === null || mail.html === '') return [];
  const settings = mail.tracked ? await workspaceSettings(db, mail.workspaceId) : undefined;
  const inline = inlineAttachmentIds(
    mail.html,
    mail.attachments.map((attachment) => attachment.id),
  );
  const files: CopyFile[] = mail.attachments.map((attachment) => ({
    id: attachment.id,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    inline: inline.has(attachment.id),
  }));
  // Under `off` and `aggregate` no copy carries per-recipient tracking: they are measured as
  // composed (an aggregate copy's one pixel and notice line are a few hundred bytes more).
  const policy = mail.policy ?? settings?.trackingPolicy;
  const perRecipient = settings !== undefined && policy !== 'off' && policy !== 'aggregate';
  const tracking = perRecipient
    ? copyTracking(copyUrls, SAMPLE_TRACKING_ID, mail, settings, {
        attachmentsExpireAt: mail.attachmentsExpireAt,
      })
    : undefined;
  const bytes = measured(mail.html, files, tracking);
  if (bytes <= GMAIL_CLIP_BYTES) return [];
  const moved = tracking
    ? ' The open pixel and the privacy notice are moved to the top, so they stay in view.'
    : '';
  const warning: GmailClipWarning = {
    code: 'gmail_clip',
    message: `Gmail will clip this mail: its html is ${bytes} bytes as sent, past the ${GMAIL_CLIP_BYTES} Gmail shows; the rest is behind "View entire message".${moved}`,
    bytes,
    limit: GMAIL_CLIP_BYTES,
  };
  return [warning];
}

/**
 * The warnings of a stored message, from its html as its copies are (or were) sent; the same
 * for a draft and a sent message. Empty when there is nothing to warn about.
 */
export function messageWarnings(
  db: Db,
  copyUrls: CopyUrls,
  details: Pick<MessageDetails, 'message' | 'attachments'>,
): Promise<MessageWarning[]> {
  const { message, attachments } = details;
  return warningsOf(db, copyUrls, {
    ...message,
    tracked: message.trackingEnabled === 1,
    policy: message.trackingPolicy,
    attachments,
    attachmentsExpireAt: linksExpireAt(message, attachments[0]?.expiresAt ?? null),
  });
}

/**
 * The warnings a message with this content would get, before it is saved: what the compose
 * screen asks while the sender writes. Throws 400 `validation_failed` for an attachment id the
 * workspace does not have.
 */
export async function draftWarnings(
  db: Db,
  copyUrls: CopyUrls,
  user: UserRow,
  draft: {
    html?: string | null;
    text?: string | null;
    attachments?: string[];
    tracking?: { enabled?: boolean; attachmentLinkTtlDays?: number };
  },
  defaultTtlDays: number,
): Promise<MessageWarning[]> {
  // Content that sending would refuse is refused here too (400 too_many_links).
  await checkLinkLimit(db, user.workspaceId, draft, draft.tracking?.enabled === true);
  const ids = await checkAttachments(db, user.workspaceId, draft.attachments ?? []);
  const found = new Map(
    (await findAttachments(db, user.workspaceId, ids)).map((row) => [row.id, row]),
  );
  const ttlDays = draft.tracking?.attachmentLinkTtlDays ?? defaultTtlDays;
  return warningsOf(db, copyUrls, {
    workspaceId: user.workspaceId,
    html: draft.html ?? null,
    tracked: draft.tracking?.enabled === true,
    language: user.language,
    attachments: ids.map((id) => found.get(id)!),
    attachmentsExpireAt: new Date(Date.now() + ttlDays * DAY_MS),
  });
}

/** When a message's attachment links expire: as set at send, else as they would be if sent now. */
function linksExpireAt(
  message: Pick<MessageRow, 'sentAt' | 'attachmentLinkTtlDays'>,
  expiresAt: number | null,
): Date {
  return new Date(
    expiresAt ?? (message.sentAt ?? Date.now()) + message.attachmentLinkTtlDays * DAY_MS,
  );
}
