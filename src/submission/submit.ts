import { Readable } from 'node:stream';
import { userForApiKey } from '../accounts/index.js';
import { releaseBlobs, storeAttachment } from '../attachments/index.js';
import type { BlobStore } from '../blobs/index.js';
import type { Config } from '../config.js';
import { addressKey } from '../mail/index.js';
import {
  checkAddressList,
  checkComplete,
  checkMessageContent,
  createMessage,
  MAX_MESSAGE_ATTACHMENTS,
  permittedSenders,
  queueMessage,
} from '../messages/index.js';
import {
  deleteUnheldAttachments,
  findSubmittedMessageId,
  insertSubmission,
  isUniqueViolation,
  type Store,
  type UserRow,
} from '../store/index.js';
import type { SubmissionLogin } from './login.js';
import { badContent, fromNotPermitted, SmtpRefusal } from './refusal.js';
import {
  readSubmittedMail,
  replaceCidLinks,
  type SubmittedFile,
  type SubmittedMail,
} from './submitted-mail.js';

export interface SubmitDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly config: Config;
  /** Tells the send worker a message was queued. */
  readonly nudge: () => void;
  /** Epoch ms, for the submission's record. */
  readonly now: () => number;
}

/** What became of a submitted mail. */
export interface Submitted {
  /** The Mailbeacon message it is. */
  readonly messageId: string;
  /** True when the sender had submitted this Message-ID before: nothing new was made. */
  readonly duplicate: boolean;
}

/** The user behind the session's login, asked again now: a key revoked since AUTH stops here. */
async function loggedInUser(deps: SubmitDeps, login: SubmissionLogin): Promise<UserRow> {
  const user = await userForApiKey(deps.store.db, login.apiKey);
  if (!user || user.id !== login.userId) {
    throw new SmtpRefusal(
      554,
      '5.7.8',
      'The API key this session logged in with is no longer valid',
    );
  }
  return user;
}

/**
 * The From must be one address the user may send as (permittedSenders: their own, or the
 * workspace's sender), compared as addresses are (addressKey: case, Unicode forms).
 */
async function checkFrom(deps: SubmitDeps, user: UserRow, mail: SubmittedMail): Promise<void> {
  if (mail.from.length !== 1) {
    throw fromNotPermitted('The mail needs a From header with exactly one address');
  }
  const key = addressKey(mail.from[0]!.email);
  const permitted = await permittedSenders(deps.store.db, user);
  if (key === undefined || !permitted.some((sender) => addressKey(sender.email) === key)) {
    throw fromNotPermitted(
      `You may not send as this From address; use ${permitted.map((s) => s.email).join(' or ')}`,
    );
  }
}

/**
 * `cid:<Content-ID>` links of the html pointed at the attachments' ids, which is how a message
 * shows an inline image; matched percent-decoded (RFC 2392, replaceCidLinks).
 */
function pointCids(html: string | null, inline: ReadonlyMap<string, string>): string | null {
  if (html === null || inline.size === 0) return html;
  const byContentId = new Map([...inline].map(([cid, id]) => [cid.toLowerCase(), id]));
  return replaceCidLinks(html, (contentId) => {
    const attachmentId = byContentId.get(contentId);
    return attachmentId === undefined ? undefined : `cid:${attachmentId}`;
  });
}

/**
 * Forgets the files a mail that was then refused had kept: their rows (no message holds them),
 * then their bytes unless another attachment or mail has the same ones (releaseBlobs). A failure
 * here is swallowed: the refusal that led here is what the client must hear.
 */
async function forgetFiles(deps: SubmitDeps, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const keys = await deps.store.db
      .transaction()
      .execute((trx) => deleteUnheldAttachments(trx, ids));
    await releaseBlobs(deps.store.db, deps.blobs, keys);
  } catch {
    // Left behind only when the database fails twice in one mail: no worse than unused uploads.
  }
}

/**
 * Keeps the mail's files as uploads of the user (413 past MAX_ATTACHMENT_MB, said as 552). A
 * file refused after others were kept takes those with it: nothing of a refused mail stays.
 */
async function storeFiles(deps: SubmitDeps, user: UserRow, files: readonly SubmittedFile[]) {
  if (files.length > MAX_MESSAGE_ATTACHMENTS) {
    throw badContent(`A message may have at most ${MAX_MESSAGE_ATTACHMENTS} files`);
  }
  const ids: string[] = [];
  const inline = new Map<string, string>();
  try {
    for (const file of files) {
      const row = await storeAttachment(
        deps.store.db,
        deps.blobs,
        user,
        {
          filename: file.filename,
          contentType: file.contentType,
          stream: Readable.from([file.content]),
        },
        deps.config.maxAttachmentBytes,
      );
      ids.push(row.id);
      if (file.cid !== undefined) inline.set(file.cid, row.id);
    }
  } catch (error) {
    await forgetFiles(deps, ids);
    throw error;
  }
  return { ids, inline };
}

/**
 * Makes a submitted mail (RFC 5322 bytes, RFC 6409 submission) a Mailbeacon message of the
 * logged-in user and sends it, through the same compose and send code as the app and the API
 * (createMessage, queueMessage), in one transaction with the record of its Message-ID: a mail
 * submitted again with the same Message-ID by the same user (a client's retry) is the message
 * the first one made. Tracking follows X-Mailbeacon-Tracking, else what a message composed
 * through the API gets (off). Throws an SmtpRefusal (554 5.7.1 From, 552 5.3.4 size,
 * 554 5.6.0 content, 554 5.7.8 revoked key) or the message module's errors (refusalOf says them).
 */
export async function submitMail(
  deps: SubmitDeps,
  login: SubmissionLogin,
  raw: Buffer,
  envelopeTo: readonly string[],
): Promise<Submitted> {
  const user = await loggedInUser(deps, login);
  const mail = await readSubmittedMail(raw, envelopeTo);
  await checkFrom(deps, user, mail);
  // The API's rules for what a message holds (lengths, counts, one-line fields, NUL), the
  // same function createMessage applies, before anything is looked up or kept.
  checkMessageContent(mail);
  const { messageIdHeader } = mail;
  if (messageIdHeader !== undefined) {
    if (messageIdHeader.length > 998)
      throw badContent('The Message-ID is longer than a header line may be');
    const earlier = await findSubmittedMessageId(deps.store.db, user.id, messageIdHeader);
    if (earlier !== undefined) return { messageId: earlier, duplicate: true };
  }
  // What createMessage would refuse, refused before any file is kept.
  for (const field of ['to', 'cc', 'bcc'] as const) checkAddressList(field, mail[field]);
  checkComplete(mail);
  const files = await storeFiles(deps, user, mail.files);
  const input = {
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    html: pointCids(mail.html, files.inline),
    text: mail.text,
    attachments: files.ids,
    ...(mail.tracking === undefined ? {} : { tracking: { enabled: mail.tracking } }),
  };
  let messageId: string;
  try {
    messageId = await deps.store.db.transaction().execute(async (trx) => {
      const draft = await createMessage(trx, deps.config, user, input);
      await queueMessage(trx, user, draft.id);
      if (messageIdHeader !== undefined) {
        await insertSubmission(trx, {
          senderId: user.id,
          messageIdHeader,
          workspaceId: user.workspaceId,
          messageId: draft.id,
          submittedAt: deps.now(),
        });
      }
      return draft.id;
    });
  } catch (error) {
    // Refused (too many tracked links, a rule createMessage holds) or raced: the transaction
    // kept nothing, and the files kept before it go too.
    await forgetFiles(deps, files.ids);
    // The same mail, submitted twice at once: the other attempt's message is this one.
    if (messageIdHeader === undefined || !isUniqueViolation(error)) throw error;
    const earlier = await findSubmittedMessageId(deps.store.db, user.id, messageIdHeader);
    if (earlier === undefined) throw error;
    return { messageId: earlier, duplicate: true };
  }
  deps.nudge();
  return { messageId, duplicate: false };
}
