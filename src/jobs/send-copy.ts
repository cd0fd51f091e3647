import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import { DEFAULT_LANGUAGE, toLanguage, wording } from '../i18n/index.js';
import {
  buildMime,
  type CopyFile,
  type CopyTracking,
  composeCopy,
  SmtpFailure,
  toSmtpFailure,
} from '../mail/index.js';
import { inlineAttachmentIds, refreshMessageStatus } from '../messages/index.js';
import { postSystemLine } from '../notify/index.js';
import {
  type CopyRow,
  findCopy,
  findMessageById,
  type JobRow,
  listCopyRecipients,
  listMessageAttachments,
  type MessageRow,
  parseAddresses,
  type RecipientRow,
  type Store,
  setRecipientDelivery,
  updateCopy,
  updateMessageIfStatus,
} from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import type { RelayPool } from './relays.js';
import type { JobHandler, JobOutcome } from './worker.js';

/** The tracking URLs of a copy, from its tracking id (signed by the tracking module). */
export type CopyUrls = (
  trackingId: string,
) => Omit<CopyTracking, 'attachmentsExpireAt' | 'language' | 'privacyNotice'>;

export interface SendCopyDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly relays: RelayPool;
  readonly copyUrls: CopyUrls;
  /** Waits before each retry of a deferred copy; when they run out the copy has failed. */
  readonly retryDelaysMs: readonly number[];
  readonly log: FastifyBaseLogger;
}

export const DEFAULT_RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720, 1440].map((m) => m * 60_000);

const FINAL = new Set(['sent', 'rejected', 'failed']);

function who(recipient: RecipientRow): string {
  return recipient.name ? `${recipient.name} <${recipient.email}>` : recipient.email;
}

/** The chat's line for a copy not delivered, in the default language like every system line. */
function deliveryLine(outcome: 'rejected' | 'failed', recipient: string, response: string) {
  const words = wording(DEFAULT_LANGUAGE).chat;
  return outcome === 'rejected'
    ? words.deliveryRejected(recipient, response)
    : words.deliveryFailed(recipient, response);
}

async function loadFiles(deps: SendCopyDeps, message: MessageRow) {
  const attachments = await listMessageAttachments(deps.store.db, message.id);
  const inline = inlineAttachmentIds(
    message.html,
    attachments.map((a) => a.id),
  );
  const files: CopyFile[] = await Promise.all(
    attachments.map(async (attachment) => {
      const content = await deps.blobs.get(attachment.sha256);
      if (!content) throw new Error(`the bytes of attachment ${attachment.id} are missing`);
      return {
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        content,
        inline: inline.has(attachment.id),
      };
    }),
  );
  // One expiry for all of a message's files at send time; later changes apply per file.
  const expiresAt = attachments[0]?.expiresAt ?? null;
  return { files, expiresAt };
}

async function buildRaw(
  deps: SendCopyDeps,
  message: MessageRow,
  copy: CopyRow,
  recipient: RecipientRow,
) {
  const settings = await workspaceSettings(deps.store.db, message.workspaceId);
  const { files, expiresAt } = await loadFiles(deps, message);
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
}

/**
 * Sends one copy. Idempotent per copy: a copy already sent, rejected or failed is never sent
 * again, so a job that runs twice (a crash after the relay's reply, before the job was marked
 * done) sends nothing twice. The outcome is committed before the job completes.
 */
export function sendCopyHandler(deps: SendCopyDeps): JobHandler {
  const db = deps.store.db;

  /** A copy that will not be delivered: `rejected` by the relay, or `failed` on our side. */
  async function settleFailure(
    message: MessageRow,
    recipients: RecipientRow[],
    failure: SmtpFailure,
    outcome: 'rejected' | 'failed',
  ) {
    await db.transaction().execute(async (trx) => {
      await updateCopy(trx, recipients[0]!.copyId, {
        status: outcome,
        smtpResponse: failure.response || failure.message,
      });
      for (const recipient of recipients) {
        const own = failure.refused?.find(
          (r) => r.recipient?.toLowerCase() === recipient.email.toLowerCase(),
        );
        const response = (own ?? failure).response || failure.message;
        await setRecipientDelivery(trx, [recipient.id], outcome, response);
        await postSystemLine(trx, {
          messageId: message.id,
          workspaceId: message.workspaceId,
          kind: 'delivery',
          text: deliveryLine(outcome, who(recipient), response),
          data: {
            recipientId: recipient.id,
            email: recipient.email,
            stage: failure.stage,
            responseCode: (own ?? failure).responseCode ?? null,
            response,
          },
        });
      }
      await refreshMessageStatus(trx, message.id);
    });
  }

  return async (job: JobRow): Promise<JobOutcome> => {
    const { copyId } = JSON.parse(job.payload) as { copyId: string };
    const copy = await findCopy(db, copyId);
    if (!copy || FINAL.has(copy.status)) return { kind: 'done' };
    const message = await findMessageById(db, copy.messageId);
    const recipients = await listCopyRecipients(db, copy.id);
    if (!message || recipients.length === 0) return { kind: 'done' };

    const attempt = copy.attempts + 1;
    await db.transaction().execute(async (trx) => {
      await updateCopy(trx, copy.id, {
        status: 'sending',
        attempts: attempt,
        lastAttemptAt: Date.now(),
      });
      await setRecipientDelivery(
        trx,
        recipients.map((r) => r.id),
        'sending',
        copy.smtpResponse,
      );
      await updateMessageIfStatus(trx, message.id, 'queued', {
        status: 'sending',
        updatedAt: Date.now(),
      });
    });

    let raw: Buffer;
    let settings: Awaited<ReturnType<typeof buildRaw>>['settings'];
    try {
      ({ raw, settings } = await buildRaw(deps, message, copy, recipients[0]!));
    } catch (error) {
      deps.log.error(
        { err: error, messageId: message.id, copyId: copy.id },
        'building a copy failed',
      );
      const failure = new SmtpFailure({
        kind: 'rejected',
        stage: 'unknown',
        response: '',
        message: `the copy could not be built: ${(error as Error).message}`,
      });
      await settleFailure(message, recipients, failure, 'failed');
      return { kind: 'failed', error: failure.message };
    }

    const sender = deps.relays.senderFor(message.workspaceId, settings);
    try {
      const sent = await sender.send(
        { from: message.fromEmail!, to: recipients.map((r) => r.email) },
        raw,
      );
      await db.transaction().execute(async (trx) => {
        await updateCopy(trx, copy.id, {
          status: 'sent',
          smtpResponse: sent.response,
          sentAt: Date.now(),
        });
        const refused = new Map(sent.refused.map((r) => [r.recipient?.toLowerCase(), r]));
        for (const recipient of recipients) {
          const failure = refused.get(recipient.email.toLowerCase());
          if (!failure) {
            await setRecipientDelivery(trx, [recipient.id], 'sent', sent.response);
            continue;
          }
          await setRecipientDelivery(
            trx,
            [recipient.id],
            'rejected',
            failure.response || failure.message,
          );
          await postSystemLine(trx, {
            messageId: message.id,
            workspaceId: message.workspaceId,
            kind: 'delivery',
            text: deliveryLine('rejected', who(recipient), failure.response || failure.message),
            data: {
              recipientId: recipient.id,
              email: recipient.email,
              stage: failure.stage,
              responseCode: failure.responseCode ?? null,
              response: failure.response,
            },
          });
        }
        await refreshMessageStatus(trx, message.id);
      });
      return { kind: 'done' };
    } catch (error) {
      const failure = toSmtpFailure(error, { relay: sender.relay });
      const delay = deps.retryDelaysMs[attempt - 1];
      if (failure.kind === 'deferred' && delay !== undefined) {
        await db.transaction().execute(async (trx) => {
          await updateCopy(trx, copy.id, {
            status: 'deferred',
            smtpResponse: failure.response || failure.message,
          });
          await setRecipientDelivery(
            trx,
            recipients.map((r) => r.id),
            'deferred',
            failure.response || failure.message,
          );
        });
        deps.log.warn(
          { messageId: message.id, copyId: copy.id, attempt, stage: failure.stage },
          'copy deferred',
        );
        return { kind: 'retry', error: failure.message, delayMs: delay };
      }
      if (failure.kind === 'deferred') {
        const givenUp = new SmtpFailure({
          kind: 'rejected',
          stage: failure.stage,
          response: failure.response,
          responseCode: failure.responseCode,
          enhancedCode: failure.enhancedCode,
          message: `gave up after ${attempt} attempts: ${failure.message}`,
        });
        await settleFailure(message, recipients, givenUp, 'failed');
        return { kind: 'failed', error: givenUp.message };
      }
      await settleFailure(message, recipients, failure, 'rejected');
      return { kind: 'done' };
    }
  };
}
