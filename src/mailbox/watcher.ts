import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { IdleSignal } from '../jobs/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import {
  findMailboxState,
  type NewEventRow,
  type Store,
  startMailboxPosition,
} from '../store/index.js';
import type { MailboxLogin } from '../workspace/index.js';
import {
  accountOf,
  COMMAND_TIMEOUT_MS,
  closeMailbox,
  IDLE_RENEW_MS,
  MailboxError,
  openMailbox,
  toMailboxError,
} from './connect.js';
import { type IncomingMail, readIncoming } from './incoming.js';
import { type InboxPosition, recordIncoming } from './record-reply.js';
import { reportMailbox } from './status.js';

/** Bytes of each mail read: its headers and first lines are all a reply needs. */
const SOURCE_BYTES = 256 * 1024;
/** Mails fetched per FETCH command. */
const FETCH_CHUNK = 20;
/** Reconnection backoff, in ms: 1 s doubling up to 5 minutes. */
export const DEFAULT_BACKOFF_MS = { first: 1_000, max: 5 * 60_000 } as const;
/** How often a node without a workspace's watch lease asks for it, in ms. */
const LEASE_RETRY_MS = 2_000;

/**
 * When IDLE is renewed: calls `renew` at each renewal until the returned function is called.
 * The default renews every IDLE_RENEW_MS; tests hand in one they trigger themselves.
 */
export type IdleRenewal = (renew: () => void) => () => void;

const everyIdleRenewal: IdleRenewal = (renew) => {
  const timer = setInterval(renew, IDLE_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
};

export interface WatcherOptions {
  readonly store: Store;
  readonly workspaceId: string;
  readonly login: MailboxLogin;
  readonly outbound: OutboundPolicy;
  readonly log: FastifyBaseLogger;
  /** The service's clock, epoch ms. */
  readonly clock: () => number;
  readonly backoffMs?: { readonly first: number; readonly max: number };
  readonly leaseRetryMs?: number;
  /** When IDLE is renewed and the INBOX read again by UID (default: every IDLE_RENEW_MS). */
  readonly idleRenewal?: IdleRenewal;
  /** How long a read of the INBOX (STATUS, SEARCH, FETCH) may take, in ms. */
  readonly commandTimeoutMs?: number;
}

/**
 * What a watcher tells: `recorded` (events written for a mail: NewEventRow[]), `status` (after
 * each connection or failure: `{ok: true}` or `{ok: false, error: MailboxError}`).
 */
export interface WatcherEvents {
  recorded: [events: NewEventRow[]];
  status: [status: { ok: true } | { ok: false; error: MailboxError }];
}

/**
 * Watches one workspace's INBOX (RFC 9051) for replies: while this node holds the workspace's
 * `mailbox:<id>` lease (one node per mailbox when several share PostgreSQL; src/store leases,
 * as the processing stage's), it logs in, reads every mail after the last UID recorded, then
 * waits in IDLE (RFC 2177) for the server to announce more. At each IDLE renewal it reads again
 * by UID whether or not anything was announced: a server can keep the session and stop
 * announcing (Dovecot after its index files were reset), and a watcher trusting EXISTS alone
 * stayed "ok" without reading. A lost connection, a refused login or a read that fails or takes
 * longer than the command timeout is retried with backoff (1 s doubling to 5 min), the status
 * recorded each time. The position
 * (UIDVALIDITY, last UID) commits with what each mail became (recordIncoming), so a restart
 * resumes after the last mail counted and reads none twice.
 */
export class MailboxWatcher extends EventEmitter<WatcherEvents> {
  readonly #options: WatcherOptions;
  readonly #account: string;
  readonly #stopping = new AbortController();
  readonly #idleness = new IdleSignal();
  #running: Promise<void> | undefined;
  #client: ImapFlow | undefined;
  /**
   * True while the watcher cannot read: another node holds the lease, or the mailbox failed and
   * the watcher waits to reconnect. A first connection under way is not waiting: idle() waits
   * for its first read.
   */
  #waiting = false;
  /** Wakes the IDLE wait: new mail was announced, or the watcher stops. */
  #wake: (() => void) | undefined;
  #announced = false;

  constructor(options: WatcherOptions) {
    super();
    this.#options = options;
    this.#account = accountOf(options.login);
  }

  start(): void {
    this.#running ??= this.#lead();
  }

  /**
   * Resolves once a read of the INBOX begun after this call found nothing new — or at once while
   * the watcher cannot read (another node holds the lease, or the mailbox fails and waits to
   * reconnect: its `status` says why). What tests wait on instead of sleeping.
   */
  idle(): Promise<void> {
    if (this.#waiting || this.#stopping.signal.aborted) return Promise.resolve();
    const idle = this.#idleness.wait();
    this.#announced = true;
    this.#wake?.();
    return idle;
  }

  /** Stops watching: logs out, gives the lease up. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#wake?.();
    if (this.#client) await closeMailbox(this.#client);
    await this.#running;
    this.#idleness.release();
  }

  async #lead(): Promise<void> {
    const { store, workspaceId, log } = this.#options;
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      const retryMs = this.#options.leaseRetryMs ?? LEASE_RETRY_MS;
      // Not had at the first try: another node watches this mailbox, and idle() waits for nothing.
      const held = setTimeout(() => this.#wait(), retryMs);
      const lease = await store.acquireLease(`mailbox:${workspaceId}`, {
        retryMs,
        signal,
        onError: (error) =>
          log.warn({ err: error, workspaceId }, 'asking for a mailbox lease failed'),
      });
      clearTimeout(held);
      if (!lease) return;
      this.#waiting = false;
      let lost = false;
      void lease.lost.then(() => {
        lost = true;
        this.#wake?.();
        if (this.#client) void closeMailbox(this.#client);
      });
      await this.#watchWhileHeld(() => lost);
      await lease.release();
    }
  }

  /** Connects, reads and idles until the lease is lost or the watcher stops; reconnects with backoff. */
  async #watchWhileHeld(lost: () => boolean): Promise<void> {
    const { store, workspaceId, login, outbound, clock, log } = this.#options;
    const backoff = this.#options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const signal = this.#stopping.signal;
    let delay = backoff.first;
    while (!signal.aborted && !lost()) {
      try {
        this.#client = await openMailbox(login, outbound);
        await this.#withinCommandTimeout(this.#client, this.#client.mailboxOpen('INBOX'));
        await reportMailbox(store.db, workspaceId, this.#account, clock());
        this.#waiting = false;
        this.emit('status', { ok: true });
        delay = backoff.first;
        await this.#watch(this.#client, lost);
      } catch (error) {
        if (signal.aborted) break;
        const failure = toMailboxError(error);
        log.warn(
          { workspaceId, problem: failure.problem },
          'the shared mailbox failed; reconnecting',
        );
        this.#wait();
        await reportMailbox(store.db, workspaceId, this.#account, clock(), failure).catch(() => {});
        this.emit('status', { ok: false, error: failure });
      } finally {
        if (this.#client) await closeMailbox(this.#client);
        this.#client = undefined;
      }
      if (signal.aborted || lost()) break;
      await this.#pause(delay);
      delay = Math.min(delay * 2, backoff.max);
    }
  }

  /** Reads what is new, then waits in IDLE for more, until the connection ends. */
  async #watch(client: ImapFlow, lost: () => boolean): Promise<void> {
    const signal = this.#stopping.signal;
    let closed = false;
    const onExists = () => {
      this.#announced = true;
      this.#wake?.();
    };
    const onClose = () => {
      closed = true;
      this.#wake?.();
    };
    client.on('exists', onExists);
    client.on('close', onClose);
    // A renewal ends the IDLE and reads by UID, announced or not (the loop's next catch-up).
    const stopRenewing = (this.#options.idleRenewal ?? everyIdleRenewal)(() => this.#wake?.());
    try {
      while (!signal.aborted && !lost() && !closed) {
        this.#announced = false;
        const look = this.#idleness.look();
        const found = await this.#withinCommandTimeout(client, this.#catchUp(client));
        if (found === 0 && !this.#announced) this.#idleness.nothingFound(look);
        // Mail was read: look once more, so that an empty look tells idle() all is read.
        if (found > 0 || this.#announced || signal.aborted || lost() || closed) continue;
        // IDLE until the server announces mail (EXISTS) or the connection ends; the next
        // command (the catch-up's SEARCH) ends the IDLE first (imapflow sends DONE).
        const woken = new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        client.idle().catch(() => {});
        await woken;
        this.#wake = undefined;
      }
    } finally {
      stopRenewing();
      client.off('exists', onExists);
      client.off('close', onClose);
    }
    if (closed && !signal.aborted && !lost())
      throw Object.assign(new Error('closed'), { code: 'NoConnection' });
  }

  /**
   * `read`, or a MailboxError when the server has not finished it within the command timeout:
   * the connection is dropped (a logout would wait on the silent server too) and the watcher
   * reconnects with backoff, its status saying the server did not answer.
   */
  async #withinCommandTimeout<T>(client: ImapFlow, read: Promise<T>): Promise<T> {
    const ms = this.#options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.close();
        reject(
          new MailboxError(
            'unreachable',
            'the IMAP server stopped answering while the INBOX was read',
          ),
        );
      }, ms);
    });
    // Once the connection is dropped the read fails too; that failure is the timeout's.
    read.catch(() => {});
    try {
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Reads the INBOX's mails after the recorded position, each recorded with its UID in one
   * transaction. The first time (or for another account) it starts after the newest mail: only
   * replies that arrive from now on count. A new UIDVALIDITY (the server renumbered the mailbox,
   * RFC 9051 §2.3.1.1) starts after the newest mail too: reading it all again could count old
   * replies twice. Returns how many mails it read.
   */
  async #catchUp(client: ImapFlow): Promise<number> {
    const { store, workspaceId, clock } = this.#options;
    const status = await client.status('INBOX', { uidValidity: true, uidNext: true });
    if (!status || status.uidValidity === undefined || status.uidNext === undefined) return 0;
    const uidValidity = Number(status.uidValidity);
    const newest = Math.max(0, status.uidNext - 1);
    const state = await findMailboxState(store.db, workspaceId);
    if (
      !state ||
      state.account !== this.#account ||
      state.uidValidity === null ||
      state.lastUid === null
    ) {
      await startMailboxPosition(store.db, workspaceId, {
        account: this.#account,
        uidValidity,
        lastUid: newest,
      });
      return 0;
    }
    let position: InboxPosition = { uidValidity: state.uidValidity, lastUid: state.lastUid };
    if (state.uidValidity !== uidValidity) {
      const to = { uidValidity, lastUid: newest };
      await recordIncoming(store, workspaceId, this.#account, position, to, undefined, clock());
      return 0;
    }
    // `n:*` always includes the newest mail, even below n (RFC 9051 §6.4.8): filtered.
    const found = await client.search({ uid: `${position.lastUid + 1}:*` }, { uid: true });
    const uids = (Array.isArray(found) ? found : [])
      .filter((uid) => uid > position.lastUid)
      .sort((a, b) => a - b);
    for (let i = 0; i < uids.length; i += FETCH_CHUNK) {
      const chunk = uids.slice(i, i + FETCH_CHUNK);
      const mails = await client.fetchAll(
        chunk.join(','),
        { uid: true, source: { maxLength: SOURCE_BYTES } },
        { uid: true },
      );
      const byUid = new Map(mails.map((mail) => [mail.uid, mail]));
      for (const uid of chunk) {
        const source = byUid.get(uid)?.source;
        const mail: IncomingMail | undefined = source ? await readIncoming(source) : undefined;
        const to = { uidValidity, lastUid: uid };
        const events = await recordIncoming(
          store,
          workspaceId,
          this.#account,
          position,
          to,
          mail,
          clock(),
        );
        position = to;
        if (events.length > 0) this.emit('recorded', events);
      }
    }
    return uids.length;
  }

  /** The watcher cannot read for now: idle() waits for nothing, and those waiting are let go. */
  #wait(): void {
    this.#waiting = true;
    this.#idleness.release();
  }

  /** Waits `ms` (real time: a server's outage), or less when the watcher stops. */
  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
      if (this.#stopping.signal.aborted) done();
    });
  }
}
