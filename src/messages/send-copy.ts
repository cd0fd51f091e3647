import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, wording } from '../i18n/index.js';
import type { JobHandler, JobOutcome } from '../jobs/index.js';
import { SmtpFailure, toSmtpFailure } from '../mail/index.js';
import { postSystemLine } from '../notify/index.js';
import {
  type CopyRow,
  type Db,
  findCopy,
  findMessageById,
  listCopyRecipients,
  type MessageRow,
  type RecipientRow,
  type Store,
  setRecipientDelivery,
  updateCopy,
  updateMessageIfStatus,
} from '../store/index.js';
import { type AggregateUrls, buildCopy, type CopyUrls } from './build-copy.js';
import type { RelayPool } from './relays.js';
import { SEND_QUEUE } from './send.js';
import { refreshMessageStatus } from './status.js';

export interface SendCopyDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly relays: RelayPool;
  readonly copyUrls: CopyUrls;
  readonly aggregateUrls: AggregateUrls;
  /** Waits before each retry of a deferred copy; when they run out the copy has failed. */
  readonly retryDelaysMs: readonly number[];
  readonly log: FastifyBaseLogger;
}

export const DEFAULT_RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720, 1440].map((m) => m * 60_000);

const FINAL = new Set(['sent', 'rejected', 'failed']);

/**
 * What a recipient's delivery status says about a failure: the relay's reply when it gave one,
 * else our explanation in the default language (logs and job rows keep the failure's English
 * `message`). The chat's line keeps the explanation in every language (ourWords).
 */
export function shownResponse(failure: SmtpFailure): string {
  return failure.response || failure.explain(DEFAULT_LANGUAGE);
}

function who(recipient: RecipientRow): string {
  return recipient.name ? `${recipient.name} <${recipient.email}>` : recipient.email;
}

/** What a delivery failure says about one recipient (the relay's words, or ours). */
interface RecipientFailure {
  readonly stage: SmtpFailure['stage'];
  readonly responseCode?: number;
  readonly response: string;
  /** Set when `response` is our explanation, not the relay's reply: it in every language. */
  readonly explained?: Partial<Record<Language, string>>;
}

/**
 * Our explanation of a failure the relay gave no reply for, in every language we write, so
 * that the chat's line reads in each reader's; undefined when the relay's own reply is shown.
 */
function ourWords(
  failure: SmtpFailure,
  relayReply: string | undefined,
): Partial<Record<Language, string>> | undefined {
  if (relayReply) return undefined;
  return Object.fromEntries(LANGUAGES.map((language) => [language, failure.explain(language)]));
}

/** The chat's line for a recipient the copy will not reach: `rejected` by the relay, or `failed`. */
function postDeliveryFailure(
  db: Db,
  message: MessageRow,
  recipient: RecipientRow,
  failure: RecipientFailure,
  outcome: 'rejected' | 'failed',
) {
  return postSystemLine(db, {
    messageId: message.id,
    workspaceId: message.workspaceId,
    kind: 'delivery',
    fact: {
      kind: outcome === 'rejected' ? 'delivery_rejected' : 'delivery_failed',
      data: {
        who: who(recipient),
        response: failure.response,
        ...(failure.explained ? { explained: failure.explained } : {}),
      },
    },
    data: {
      recipientId: recipient.id,
      email: recipient.email,
      stage: failure.stage,
      responseCode: failure.responseCode ?? null,
      response: failure.response,
    },
  });
}

/** A copy that will not be delivered: `rejected` by the relay, or `failed` on our side. */
async function settleFailure(
  db: Db,
  message: MessageRow,
  recipients: readonly RecipientRow[],
  failure: SmtpFailure,
  outcome: 'rejected' | 'failed',
) {
  await db.transaction().execute(async (trx) => {
    await updateCopy(trx, recipients[0]!.copyId, {
      status: outcome,
      smtpResponse: shownResponse(failure),
    });
    for (const recipient of recipients) {
      const own = failure.refused?.find(
        (r) => r.recipient?.toLowerCase() === recipient.email.toLowerCase(),
      );
      const response = own?.response || shownResponse(failure);
      await setRecipientDelivery(trx, [recipient.id], outcome, response);
      await postDeliveryFailure(
        trx,
        message,
        recipient,
        {
          stage: failure.stage,
          responseCode: (own ?? failure).responseCode,
          response,
          explained: ourWords(failure, own?.response || failure.response),
        },
        outcome,
      );
    }
    await refreshMessageStatus(trx, message.id);
  });
}

/** An attempt begins: the copy, its recipients and (if still queued) the message are sending. */
async function markSending(
  db: Db,
  message: MessageRow,
  copy: CopyRow,
  recipients: readonly RecipientRow[],
) {
  await db.transaction().execute(async (trx) => {
    await updateCopy(trx, copy.id, {
      status: 'sending',
      attempts: copy.attempts + 1,
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
}

/** The relay took the copy: sent to each recipient but those it refused (rejected). */
async function recordSent(
  db: Db,
  message: MessageRow,
  copy: CopyRow,
  recipients: readonly RecipientRow[],
  sent: { readonly response: string; readonly refused: readonly SmtpFailure[] },
) {
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
      const response = shownResponse(failure);
      await setRecipientDelivery(trx, [recipient.id], 'rejected', response);
      await postDeliveryFailure(
        trx,
        message,
        recipient,
        {
          stage: failure.stage,
          responseCode: failure.responseCode,
          response,
          explained: ourWords(failure, failure.response),
        },
        'rejected',
      );
    }
    await refreshMessageStatus(trx, message.id);
  });
}

/** A temporary failure with retries left: the copy waits as deferred. */
async function recordDeferred(
  db: Db,
  copy: CopyRow,
  recipients: readonly RecipientRow[],
  failure: SmtpFailure,
) {
  const response = shownResponse(failure);
  await db.transaction().execute(async (trx) => {
    await updateCopy(trx, copy.id, { status: 'deferred', smtpResponse: response });
    await setRecipientDelivery(
      trx,
      recipients.map((r) => r.id),
      'deferred',
      response,
    );
  });
}

/** The relay's answer, recorded: a retry while a deferral has retries left, else final. */
async function settleSmtpError(
  deps: SendCopyDeps,
  message: MessageRow,
  copy: CopyRow,
  recipients: readonly RecipientRow[],
  failure: SmtpFailure,
): Promise<JobOutcome> {
  const attempt = copy.attempts + 1;
  const delay = deps.retryDelaysMs[attempt - 1];
  if (failure.kind === 'deferred' && delay !== undefined) {
    await recordDeferred(deps.store.db, copy, recipients, failure);
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
      explain: (language) => wording(language).delivery.gaveUp(attempt, failure.explain(language)),
    });
    await settleFailure(deps.store.db, message, recipients, givenUp, 'failed');
    return { kind: 'failed', error: givenUp.message };
  }
  await settleFailure(deps.store.db, message, recipients, failure, 'rejected');
  return { kind: 'done' };
}

/**
 * Sends one copy. Idempotent per copy: a copy already sent, rejected or failed is never sent
 * again, so a job that runs twice (a crash after the relay's reply, before the job was marked
 * done) sends nothing twice. The outcome is committed before the job completes.
 */
export function sendCopyHandler(deps: SendCopyDeps): JobHandler {
  const db = deps.store.db;
  return SEND_QUEUE.handler(async ({ copyId }): Promise<JobOutcome> => {
    const copy = await findCopy(db, copyId);
    if (!copy || FINAL.has(copy.status)) return { kind: 'done' };
    const message = await findMessageById(db, copy.messageId);
    const recipients = await listCopyRecipients(db, copy.id);
    if (!message || recipients.length === 0) return { kind: 'done' };
    await markSending(db, message, copy, recipients);

    let built: Awaited<ReturnType<typeof buildCopy>>;
    try {
      built = await buildCopy(deps, message, copy, recipients[0]!);
    } catch (error) {
      deps.log.error(
        { err: error, messageId: message.id, copyId: copy.id },
        'building a copy failed',
      );
      const failure = new SmtpFailure({
        kind: 'rejected',
        stage: 'unknown',
        response: '',
        explain: (language) => wording(language).delivery.notBuilt((error as Error).message),
      });
      await settleFailure(db, message, recipients, failure, 'failed');
      return { kind: 'failed', error: failure.message };
    }

    let sender: ReturnType<RelayPool['senderFor']>;
    try {
      sender = deps.relays.senderFor(message.workspaceId, built.settings);
    } catch (error) {
      built.raw.destroy();
      throw error;
    }
    // The copy is written as the relay takes it; the sender reads or destroys it. A file's bytes
    // failing midway fail the send like a dropped connection: deferred, retried.
    try {
      const sent = await sender.send(
        { from: message.fromEmail!, to: recipients.map((r) => r.email) },
        built.raw,
      );
      await recordSent(db, message, copy, recipients, sent);
      return { kind: 'done' };
    } catch (error) {
      return settleSmtpError(
        deps,
        message,
        copy,
        recipients,
        toSmtpFailure(error, { relay: sender.relay }),
      );
    }
  });
}
