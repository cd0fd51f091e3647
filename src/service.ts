import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ApiOptions, createMetrics } from './api/index.js';
import { buildApp } from './app.js';
import { createBlobStore } from './blobs/index.js';
import type { Config } from './config.js';
import { createDevInbox } from './dev-inbox/index.js';
import {
  createRelayPool,
  DEFAULT_RETRY_DELAYS_MS,
  sendCopyHandler,
  startWorker,
} from './jobs/index.js';
import { createKeyring, loadSecrets } from './keyring/index.js';
import { createLogger } from './logger.js';
import { type DevSmtpServer, startDevSmtpServer } from './mail/index.js';
import { SEND_QUEUE } from './messages/index.js';
import { inProcessHub } from './notify/index.js';
import {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  WEBHOOK_QUEUE,
  webhookDeliveryHandler,
} from './notify/webhooks/index.js';
import { ProcessingThread } from './processing/index.js';
import { openStore, type PostgresOptions, releaseRunningJobs, type Store } from './store/index.js';
import {
  copyTrackingUrls,
  HitLogWriter,
  HitSpool,
  SenderSessions,
  TrackingDirectory,
} from './tracking/index.js';

export interface RunningService {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000 */
  readonly address: string;
  /** The embedded dev inbox's SMTP port, when SMTP_URL is unset. */
  readonly devSmtpPort: number | undefined;
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
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The hit cache starts with the copies of mail sent this recently… */
const WARM_DAYS = 30;
/** …at most this many. */
const WARM_COPIES = 100_000;
const SPOOL_REPLAY_MS = 15_000;
const DEFAULT_CLICK_SETTLE_MS = 5_000;

/** The largest mail the dev inbox takes: a few maximal attachments, base64-encoded. */
const DEV_INBOX_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Everything `mailbeacon serve` runs, and what the tests start: the store (migrated), the
 * secrets, the dev inbox when SMTP_URL is unset, the outbox's worker and the HTTP server.
 */
export async function startService(
  config: Config,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const logger = createLogger(config);
  const store = await openStore(config.database, options.postgres);
  const closers: (() => Promise<void>)[] = [() => store.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    await store.migrate();
    const keyring = createKeyring(await loadSecrets(config, store));
    const blobs = createBlobStore(config, store);
    const metrics = createMetrics();
    const hub = inProcessHub();
    const clickSettleMs = options.notify?.clickSettleMs ?? DEFAULT_CLICK_SETTLE_MS;
    const clock = options.clock ?? Date.now;
    let processing: ProcessingThread | undefined;
    const hitLog = new HitLogWriter(
      (rows) => store.hitLog.append(rows),
      new HitSpool(join(config.dataDir, 'spool', 'hits.jsonl')),
      logger,
      {
        onCommitted: () => processing?.nudge(),
        onFailure: (hits) => {
          for (const hit of hits) metrics.trackingRecordFailures.inc({ type: hit.type });
        },
      },
    );
    // Hits answered while the database was away go into the log before anything else; so do
    // the events an earlier version spooled.
    const legacySpool = new HitSpool(join(config.dataDir, 'spool', 'events.jsonl'));
    const replayed =
      (await hitLog.replaySpool()) + (await legacySpool.drain((hits) => store.hitLog.append(hits)));
    if (replayed > 0) logger.warn({ hits: replayed }, 'moved spooled hits into the hit log');
    const spoolTimer = setInterval(() => {
      hitLog
        .replaySpool()
        .catch((error: unknown) => logger.warn({ err: error }, 'spool replay failed; will retry'));
    }, SPOOL_REPLAY_MS);
    spoolTimer.unref();
    closers.push(async () => {
      clearInterval(spoolTimer);
      await hitLog.idle();
    });
    const directory = new TrackingDirectory(store.db);
    await directory.warm(Date.now() - WARM_DAYS * DAY_MS, WARM_COPIES);

    let devSmtp: DevSmtpServer | undefined;
    const devInbox = config.smtpUrl ? undefined : createDevInbox(store, blobs);
    if (devInbox) {
      devSmtp = await startDevSmtpServer({
        host: config.host,
        port: config.devSmtpPort,
        maxBytes: DEV_INBOX_MAX_BYTES,
        onMessage: (mail) => devInbox.receive(mail),
      });
      closers.push(() => devSmtp!.close());
      logger.info({ port: devSmtp.port }, 'dev inbox catches all mail (SMTP_URL is unset)');
    }
    const relayHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const relays = createRelayPool(
      keyring,
      config.smtpUrl ?? `smtp://${relayHost}:${devSmtp!.port}`,
    );
    closers.push(() => relays.close());

    if (store.singleProcess) {
      const orphans = await releaseRunningJobs(store.db, Date.now());
      if (orphans > 0) logger.warn({ jobs: orphans }, 'resuming jobs left running by a crash');
    }
    const worker = startWorker({
      store,
      queue: SEND_QUEUE,
      log: logger,
      now: clock,
      lockMs: options.outbox?.lockMs,
      pollMs: options.outbox?.pollMs,
      handler: sendCopyHandler({
        store,
        blobs,
        relays,
        log: logger,
        retryDelaysMs: options.outbox?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
        copyUrls: (trackingId) => {
          const urls = copyTrackingUrls(keyring, config.trackingUrl, trackingId);
          return {
            pixelUrl: urls.pixel,
            downloadUrl: urls.download,
            privacyUrl: urls.privacy,
            honeypotUrl: urls.honeypot,
            clickUrl: urls.click,
          };
        },
      }),
    });
    closers.push(() => worker.stop());
    const webhookWorker = startWorker({
      store,
      queue: WEBHOOK_QUEUE,
      log: logger,
      now: clock,
      concurrency: 4,
      pollMs: options.webhooks?.pollMs,
      lockMs: options.webhooks?.lockMs,
      handler: webhookDeliveryHandler({
        store,
        config,
        log: logger,
        retryDelaysMs: options.webhooks?.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
        onAdminNotified: (rows) => hub.publish(rows),
      }),
    });
    closers.push(() => webhookWorker.stop());
    processing = await ProcessingThread.start({
      database: config.database,
      postgres: options.postgres,
      logLevel: config.logLevel,
      log: logger,
      clock,
      clickSettleMs,
      batchSize: options.pipeline?.batchSize,
      notifyLockMs: options.outbox?.lockMs,
      notifyPollMs: options.outbox?.pollMs,
      hitLog: store.hitLog,
      onPublished: (notifications) => hub.publish(notifications),
      onWebhooksQueued: () => webhookWorker.nudge(),
      onProcessed: (events) => {
        for (const [type, classification, n] of events) {
          metrics.trackingEvents.inc({ type, classification }, n);
        }
      },
    });
    const processingThread = processing;
    closers.push(() => processingThread.stop());
    metrics.observePipeline(() => processingThread.status());

    const app = await buildApp({
      config,
      store,
      keyring,
      blobs,
      logger,
      metrics,
      tracking: {
        directory,
        hitLog,
        sessions: new SenderSessions(store.db, logger),
        ipMode: config.trackingIp,
        now: clock,
      },
      hub,
      outbox: worker,
      devInbox,
      devSmtpPort: devSmtp?.port,
      options: options.app,
    });
    closers.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host });
    const idle = async () => {
      // Twice round: a job's work can queue more (a notification's webhooks).
      for (let i = 0; i < 2; i++) {
        await hitLog.idle();
        await processingThread.idle();
        await webhookWorker.idle();
        await worker.idle();
      }
    };
    return { app, store, address, devSmtpPort: devSmtp?.port, idle, close };
  } catch (error) {
    await close();
    throw error;
  }
}
