import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type ApiOptions, createMetrics, type Metrics } from './api/index.js';
import { buildApp } from './app.js';
import { type BlobStore, createBlobStore } from './blobs/index.js';
import { type Config, localUrlWarning } from './config.js';
import { startDevInbox } from './dev-inbox/index.js';
import { recoverJobs } from './jobs/index.js';
import { createKeyring, type Keyring, loadSecrets } from './keyring/index.js';
import { createLogger } from './logger.js';
import { type Mailboxes, type MailboxesOptions, startMailboxes } from './mailbox/index.js';
import {
  createRelayPool,
  createSystemMailer,
  DEFAULT_RETRY_DELAYS_MS,
  startSendWorker,
} from './messages/index.js';
import {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  type LiveHub,
  startLiveHub,
  startWebhookWorker,
} from './notify/index.js';
import type { Resolver } from './outbound/index.js';
import { SETTLE_MS } from './pipeline/index.js';
import { startRetentionJob } from './privacy/index.js';
import { ProcessingThread } from './processing/index.js';
import { openStore, type PostgresOptions, type Store } from './store/index.js';
import { startSubmission } from './submission/index.js';
import {
  aggregateTrackingUrls,
  copyTrackingUrls,
  SenderSessions,
  startHitLog,
  TrackingDirectory,
} from './tracking/index.js';

export interface RunningService {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000 */
  readonly address: string;
  /** The embedded dev inbox's SMTP port, when SMTP_URL is unset. */
  readonly devSmtpPort: number | undefined;
  /** Where SMTP submission listens; undefined when SUBMISSION_PORT is 0. */
  readonly submissionPort: number | undefined;
  /** The workspaces' shared mailboxes (issue 17): their INBOX watchers and the Sent worker. */
  readonly mailboxes: Mailboxes;
  /**
   * Resolves once everything the service has been handed is done: every hit answered so far is
   * in the log and processed, and no notification, webhook or outbox job is due or running.
   * What tests wait on instead of sleeping; jobs due later (a settle window) do not count.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly postgres?: PostgresOptions;
  readonly app?: Partial<ApiOptions>;
  /**
   * The clock the settle window, the job queues and the processing stage run by (epoch ms):
   * tests move it forward instead of sleeping. Hits are stamped with the real time.
   */
  readonly clock?: () => number;
  readonly pipeline?: {
    readonly batchSize?: number;
  };
  readonly notify?: {
    /** How long clicks wait before they notify (a scanner's burst is recognised first). */
    readonly clickSettleMs?: number;
  };
  readonly webhooks?: {
    readonly retryDelaysMs?: readonly number[];
    readonly pollMs?: number;
    readonly lockMs?: number;
  };
  readonly outbox?: {
    readonly retryDelaysMs?: readonly number[];
    readonly lockMs?: number;
    readonly pollMs?: number;
  };
  readonly retention?: {
    readonly pollMs?: number;
    readonly lockMs?: number;
  };
  /** The shared mailboxes: Sent retries, INBOX reconnection backoff. */
  readonly mailbox?: Pick<MailboxesOptions, 'sent' | 'watch'>;
  /**
   * The DNS that workspace-configured hosts (SMTP relays) are checked against, at save and at
   * connect time: tests stand in for DNS, to play a rebinding. Default: the system resolver.
   */
  readonly resolve?: Resolver;
  /**
   * SMTP submission on this port instead of SUBMISSION_PORT, even when that is 0 (off); 0 here
   * picks a free port (tests).
   */
  readonly submission?: { readonly port: number };
}

/** What every part is started with. */
interface Base {
  readonly config: Config;
  readonly options: ServiceOptions;
  readonly store: Store;
  readonly logger: FastifyBaseLogger;
  readonly keyring: Keyring;
  readonly blobs: BlobStore;
  readonly metrics: Metrics;
  readonly hub: LiveHub;
  readonly clock: () => number;
  /** Registers how to stop a part; parts stop in the reverse order of their start. */
  onClose(closer: () => Promise<void>): void;
}

/** Sending: the dev inbox when SMTP_URL is unset, the relays, and the send worker. */
async function startSending(base: Base) {
  const { config, options, logger, keyring } = base;
  const devInbox = config.smtpUrl
    ? undefined
    : await startDevInbox({
        ...base,
        host: config.host,
        port: config.devSmtpPort,
        log: logger,
      });
  if (devInbox) base.onClose(() => devInbox.smtp.close());
  const relays = createRelayPool(keyring, config.smtpUrl ?? devInbox!.urlFor, {
    allowPrivate: config.allowPrivateNetworks,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  base.onClose(() => relays.close());
  const worker = startSendWorker(
    {
      ...base,
      relays,
      log: logger,
      retryDelaysMs: options.outbox?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      copyUrls: (trackingId) => copyTrackingUrls(keyring, config.trackingUrl, trackingId),
      aggregateUrls: (aggregateId) =>
        aggregateTrackingUrls(keyring, config.trackingUrl, aggregateId),
    },
    { now: base.clock, lockMs: options.outbox?.lockMs, pollMs: options.outbox?.pollMs },
  );
  base.onClose(() => worker.stop());
  const systemMail = createSystemMailer({
    store: base.store,
    relays,
    publicUrl: config.publicUrl,
    log: logger,
    now: base.clock,
  });
  // Before the relays close (closers run in reverse): a reset mail on its way still goes.
  base.onClose(() => systemMail.idle());
  return { devInbox, worker, systemMail };
}

/** SMTP submission, unless SUBMISSION_PORT is 0 (and the options do not ask for it). */
async function startMailSubmission(base: Base, nudge: () => void) {
  const { config, options } = base;
  const submission =
    config.submission ??
    (options.submission ? { port: options.submission.port, tls: undefined } : undefined);
  if (!submission) return undefined;
  const server = await startSubmission({
    config,
    submission,
    ...(options.submission ? { port: options.submission.port } : {}),
    store: base.store,
    blobs: base.blobs,
    log: base.logger,
    clock: base.clock,
    nudge,
  });
  base.onClose(() => server.close());
  return server;
}

/** The webhook worker, and the processing stage's thread, which feeds it and the live hub. */
async function startProcessing(base: Base) {
  const { config, options, logger, hub, metrics } = base;
  const webhookWorker = startWebhookWorker(
    {
      ...base,
      log: logger,
      retryDelaysMs: options.webhooks?.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
      onAdminNotified: (rows) => hub.publish(rows),
    },
    { now: base.clock, lockMs: options.webhooks?.lockMs, pollMs: options.webhooks?.pollMs },
  );
  base.onClose(() => webhookWorker.stop());
  const processing = await ProcessingThread.start({
    database: config.database,
    postgres: options.postgres,
    logLevel: config.logLevel,
    trackingIp: config.trackingIp,
    log: logger,
    clock: base.clock,
    clickSettleMs: options.notify?.clickSettleMs ?? SETTLE_MS,
    batchSize: options.pipeline?.batchSize,
    notifyLockMs: options.outbox?.lockMs,
    notifyPollMs: options.outbox?.pollMs,
    hitLog: base.store.hitLog,
    onPublished: (notifications) => hub.publish(notifications),
    onWebhooksQueued: () => webhookWorker.nudge(),
    onProcessed: (events) => {
      for (const [type, classification, n] of events) {
        metrics.trackingEvents.inc({ type, classification }, n);
      }
    },
  });
  base.onClose(() => processing.stop());
  metrics.observePipeline(() => processing.status());
  return { webhookWorker, processing };
}

/**
 * Everything `mailbeacon serve` runs, and what the tests start: the store (migrated), the
 * secrets, the hit log, sending (with the dev inbox when SMTP_URL is unset), the processing
 * stage, the webhook worker and the HTTP server.
 */
export async function startService(
  config: Config,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const logger = createLogger(config);
  const localUrls = localUrlWarning(config);
  if (localUrls) logger.warn(localUrls);
  const store = await openStore(config.database, options.postgres);
  const closers: (() => Promise<void>)[] = [() => store.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    await store.migrate();
    await recoverJobs(store, logger);
    const hub = await startLiveHub(store, logger);
    closers.push(() => hub.stop());
    const base: Base = {
      config,
      options,
      store,
      logger,
      keyring: createKeyring(await loadSecrets(config, store)),
      blobs: createBlobStore(config, store),
      metrics: createMetrics(),
      hub,
      clock: options.clock ?? Date.now,
      onClose: (closer) => closers.push(closer),
    };
    let processing: ProcessingThread | undefined;
    const hitLog = await startHitLog(store, config.dataDir, logger, {
      onCommitted: () => processing?.nudge(),
      onFailure: (hits) => {
        for (const hit of hits) base.metrics.trackingRecordFailures.inc({ type: hit.type });
      },
    });
    closers.push(() => hitLog.stop());
    const directory = new TrackingDirectory(store.db);
    await directory.warm();
    const { devInbox, worker, systemMail } = await startSending(base);
    const submission = await startMailSubmission(base, () => worker.nudge());
    const background = await startProcessing(base);
    processing = background.processing;
    const retention = await startRetentionJob({
      store,
      log: logger,
      clock: base.clock,
      retentionDays: config.eventRetentionDays,
      dropSpooledBefore: (before) => hitLog.dropSpooledBefore(before),
      onPurged: (report) => {
        for (const [kind, n] of Object.entries(report)) {
          base.metrics.retentionDeleted.inc({ kind }, n);
          base.metrics.retentionLastRun.set({ kind }, n);
        }
      },
      pollMs: options.retention?.pollMs,
      lockMs: options.retention?.lockMs,
    });
    closers.push(() => retention.stop());
    const mailboxes = await startMailboxes({
      store,
      blobs: base.blobs,
      keyring: base.keyring,
      log: logger,
      outbound: {
        allowPrivate: config.allowPrivateNetworks,
        ...(options.resolve ? { resolve: options.resolve } : {}),
      },
      clock: base.clock,
      // A reply's fan-out job runs in the processing thread's notify worker.
      onRecorded: () => processing?.nudge(),
      ...options.mailbox,
    });
    closers.push(() => mailboxes.stop());

    const app = await buildApp({
      ...base,
      tracking: {
        directory,
        hitLog: hitLog.writer,
        sessions: new SenderSessions(store.db, logger),
        ipMode: config.trackingIp,
        retentionDays: config.eventRetentionDays,
        now: base.clock,
      },
      outbox: worker,
      systemMail,
      devInbox: devInbox?.inbox,
      devSmtpPort: devInbox?.smtp.port,
      options: {
        now: base.clock,
        ...options.app,
        ...(options.resolve ? { resolve: options.resolve } : {}),
      },
    });
    closers.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host });
    const idle = async () => {
      // Twice round: a job's work can queue more (a notification's webhooks).
      for (let i = 0; i < 2; i++) {
        await hitLog.writer.idle();
        await mailboxes.idle();
        await background.processing.idle();
        await background.webhookWorker.idle();
        await worker.idle();
        await retention.idle();
        await systemMail.idle();
      }
    };
    return {
      app,
      store,
      address,
      devSmtpPort: devInbox?.smtp.port,
      submissionPort: submission?.port,
      mailboxes,
      idle,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
