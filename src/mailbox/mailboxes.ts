import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import type { Worker } from '../jobs/index.js';
import type { Keyring } from '../keyring/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import { listWorkspaceSettings, type Store } from '../store/index.js';
import {
  type MailboxSettings,
  mailboxLogin,
  onSettingsChanged,
  parseSettings,
  workspaceSettings,
} from '../workspace/index.js';
import { startSentWorker } from './sent-worker.js';
import { MailboxWatcher, type WatcherOptions } from './watcher.js';

/**
 * How often each node reads the workspaces' mailbox settings again, in ms: a change saved on
 * another node (PostgreSQL) reaches this one's watchers within this long; one made here is heard
 * at once (onSettingsChanged).
 */
const SETTINGS_POLL_MS = 60_000;

export interface MailboxesOptions {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly keyring: Keyring;
  readonly log: FastifyBaseLogger;
  /** ALLOW_PRIVATE_NETWORKS and the resolver: every IMAP connection goes through it. */
  readonly outbound: OutboundPolicy;
  /** The service's clock, epoch ms. */
  readonly clock: () => number;
  /** Events were recorded (a reply): the fan-out worker may look at once. */
  readonly onRecorded?: () => void;
  readonly sent?: {
    readonly retryDelaysMs?: readonly number[];
    readonly pollMs?: number;
    readonly lockMs?: number;
  };
  readonly watch?: Pick<
    WatcherOptions,
    'backoffMs' | 'leaseRetryMs' | 'idleRenewal' | 'commandTimeoutMs'
  >;
}

/** The shared mailboxes of every workspace, watched, and the worker filling their Sent folders. */
export interface Mailboxes {
  /** The watcher of a workspace's INBOX, while it has a mailbox (tests listen to it). */
  watcher(workspaceId: string): MailboxWatcher | undefined;
  /** Resolves once every watcher and the Sent worker found nothing more to do (see their idle()). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** A mailbox setting as a watcher's identity: a change of any field restarts the watcher. */
const identity = (mailbox: MailboxSettings) => JSON.stringify(mailbox);

/**
 * Starts the shared mailboxes (issue 17): one INBOX watcher per workspace with a mailbox (each
 * under its own lease, so one node per mailbox watches), restarted when the setting changes, and
 * the worker that appends sent messages' team copies to Sent.
 */
export async function startMailboxes(options: MailboxesOptions): Promise<Mailboxes> {
  const { store, log } = options;
  const watchers = new Map<string, { watcher: MailboxWatcher; identity: string }>();
  let stopped = false;
  /** Changes are applied one at a time, in the order heard. */
  let applying: Promise<void> = Promise.resolve();

  async function apply(workspaceId: string, mailbox: MailboxSettings | null): Promise<void> {
    const current = watchers.get(workspaceId);
    if (current && mailbox && current.identity === identity(mailbox)) return;
    if (current) {
      watchers.delete(workspaceId);
      await current.watcher.stop();
    }
    if (!mailbox || stopped) return;
    const login = mailboxLogin(options.keyring, mailbox);
    if (!login) {
      log.warn({ workspaceId }, 'the shared mailbox’s password cannot be decrypted; save it again');
      return;
    }
    const watcher = new MailboxWatcher({
      ...options.watch,
      store,
      workspaceId,
      login,
      outbound: options.outbound,
      log,
      clock: options.clock,
    });
    watcher.on('recorded', () => options.onRecorded?.());
    watchers.set(workspaceId, { watcher, identity: identity(mailbox) });
    watcher.start();
  }

  const schedule = (work: () => Promise<void>) => {
    applying = applying
      .then(work)
      .catch((error: unknown) => log.error({ err: error }, 'starting a shared mailbox failed'));
    return applying;
  };

  async function applyAll(): Promise<void> {
    const rows = await listWorkspaceSettings(store.db);
    for (const row of rows) await apply(row.id, parseSettings(row.settings).mailbox);
  }

  await schedule(applyAll);
  const unlisten = onSettingsChanged((workspaceId) => {
    void schedule(async () =>
      apply(workspaceId, (await workspaceSettings(store.db, workspaceId)).mailbox),
    );
  });
  const poll = setInterval(() => void schedule(applyAll), SETTINGS_POLL_MS);
  poll.unref();

  const sentWorker: Worker = startSentWorker({ ...options, ...options.sent });
  return {
    watcher: (workspaceId) => watchers.get(workspaceId)?.watcher,
    async idle() {
      await applying;
      await Promise.all([...watchers.values()].map(({ watcher }) => watcher.idle()));
      await sentWorker.idle();
    },
    async stop() {
      stopped = true;
      unlisten();
      clearInterval(poll);
      await applying;
      await sentWorker.stop();
      await Promise.all([...watchers.values()].map(({ watcher }) => watcher.stop()));
      watchers.clear();
    },
  };
}
