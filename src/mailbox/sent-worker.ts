import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import { type JobOutcome, startWorker, type Worker } from '../jobs/index.js';
import type { Keyring } from '../keyring/index.js';
import { buildTeamCopy, SENT_FOLDER_QUEUE, teamMessageIdOf } from '../messages/index.js';
import { postSystemLine } from '../notify/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import {
  findMessageById,
  type JobRow,
  listCopyMessageIds,
  type MessageRow,
  type Store,
} from '../store/index.js';
import { mailboxLogin, workspaceSettings } from '../workspace/index.js';
import {
  accountOf,
  COMMAND_TIMEOUT_MS,
  closeMailbox,
  MailboxError,
  openMailbox,
  toMailboxError,
} from './connect.js';
import { appendOnce, findSentFolder } from './sent-folder.js';
import { reportMailbox } from './status.js';

/**
 * How long a Sent append waits before each retry, in ms: a mailbox that is down for a day still
 * gets its copies; after the last the job fails and the chat says so.
 */
export const DEFAULT_SENT_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  3 * 3600_000,
  6 * 3600_000,
  12 * 3600_000,
  24 * 3600_000,
];

/**
 * Sent copies appended at once by one node, each for another workspace (the jobs are grouped by
 * workspace: one append in flight per mailbox). A server that stalls costs its own workspace
 * the command timeout, and the others a slot of these at most.
 */
export const SENT_CONCURRENCY = 4;

export interface SentWorkerDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly keyring: Keyring;
  readonly log: FastifyBaseLogger;
  readonly outbound: OutboundPolicy;
  /** The service's clock, epoch ms. */
  readonly clock: () => number;
  readonly retryDelaysMs?: readonly number[];
  readonly pollMs?: number;
  readonly lockMs?: number;
}

/** The whole stream in memory: an IMAP APPEND announces the literal's size first (RFC 9051 §4.3). */
async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The message's chat says the Sent copy failed (first attempt) or was given up (last). */
async function tellChat(
  db: Store['db'],
  message: MessageRow,
  error: MailboxError,
  gaveUp: boolean,
) {
  // Facts, worded for each reader when read (docs/decisions.md, "One language per reader").
  await postSystemLine(db, {
    messageId: message.id,
    workspaceId: message.workspaceId,
    kind: 'mailbox',
    fact: {
      kind: gaveUp ? 'mailbox_append_gave_up' : 'mailbox_append_failed',
      data: { problem: error.problem },
    },
    data: { problem: error.problem },
  });
}

/** Puts one message's team copy into the Sent folder; throws a MailboxError. */
async function appendTeamCopy(
  deps: SentWorkerDeps,
  message: MessageRow,
): Promise<'done' | 'no_mailbox'> {
  const { store } = deps;
  const settings = await workspaceSettings(store.db, message.workspaceId);
  // The mailbox was removed since the send: nothing to put anywhere.
  if (!settings.mailbox) return 'no_mailbox';
  const login = mailboxLogin(deps.keyring, settings.mailbox);
  if (!login)
    throw new MailboxError(
      'no_password',
      'the mailbox password cannot be decrypted (SECRET changed)',
    );
  const account = accountOf(login);
  const messageId = teamMessageIdOf(message, await listCopyMessageIds(store.db, message.id));
  const raw = await bytesOf(await buildTeamCopy(deps, message, messageId));
  let client: Awaited<ReturnType<typeof openMailbox>> | undefined;
  try {
    client = await openMailbox(login, deps.outbound, COMMAND_TIMEOUT_MS);
    const folder = await findSentFolder(client, login.sentFolder);
    await appendOnce(client, folder, raw, messageId, new Date(message.sentAt ?? deps.clock()));
    await reportMailbox(store.db, message.workspaceId, account, deps.clock());
    return 'done';
  } catch (error) {
    const failure = toMailboxError(error);
    await reportMailbox(store.db, message.workspaceId, account, deps.clock(), failure);
    throw failure;
  } finally {
    if (client) await closeMailbox(client);
  }
}

/**
 * The worker of SENT_FOLDER_QUEUE: puts each sent message's team copy (as the team wrote it, no
 * tracking) into the workspace mailbox's Sent folder. A failure — a wrong password, the server
 * down — sets the mailbox's status, is told once in the message's chat (at the first attempt,
 * and when given up) and is retried by DEFAULT_SENT_RETRY_DELAYS_MS; sending never waits for it.
 */
export function startSentWorker(deps: SentWorkerDeps): Worker {
  const delays = deps.retryDelaysMs ?? DEFAULT_SENT_RETRY_DELAYS_MS;
  const handler = SENT_FOLDER_QUEUE.handler(
    async ({ messageId }, job: JobRow): Promise<JobOutcome> => {
      const message = await findMessageById(deps.store.db, messageId);
      if (!message || message.fromEmail === null) return { kind: 'done' };
      try {
        await appendTeamCopy(deps, message);
        return { kind: 'done' };
      } catch (error) {
        const failure = error instanceof MailboxError ? error : toMailboxError(error);
        // The claim counted this attempt: 1 for the first.
        const attempt = job.attempts;
        const gaveUp = attempt > delays.length;
        if (attempt === 1 || gaveUp) await tellChat(deps.store.db, message, failure, gaveUp);
        deps.log.warn(
          { messageId, problem: failure.problem, attempt },
          'the Sent copy could not be appended',
        );
        if (gaveUp) return { kind: 'failed', error: failure.message };
        return { kind: 'retry', error: failure.message, delayMs: delays[attempt - 1]! };
      }
    },
  );
  return startWorker({
    store: deps.store,
    queue: SENT_FOLDER_QUEUE,
    handler,
    log: deps.log,
    now: deps.clock,
    concurrency: SENT_CONCURRENCY,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    ...(deps.lockMs !== undefined ? { lockMs: deps.lockMs } : {}),
  });
}
