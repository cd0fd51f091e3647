import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { ProcessingThread, type ProcessingThreadOptions } from '../../src/processing/index.js';
import { type HitLogRow, openStore, type Store } from '../../src/store/index.js';
import { buildHitLogRow } from '../factories.js';
import type { EngineName } from './engines.js';
import { mailSentThenStopped } from './mail-sent-then-stopped.js';

export interface ProcessingBeside {
  /** The database the service left, opened as the request path's side. */
  readonly store: Store;
  readonly messageId: string;
  /** Hit number `n`, on the copies in turn, with its own User-Agent (`<agent>/<n>`). */
  hit(n: number): HitLogRow;
  /** A processing thread of its own over that database, as a node starts one. */
  start(overrides?: Partial<ProcessingThreadOptions>): Promise<ProcessingThread>;
}

/**
 * A mail sent to `recipients` copies by the real service, which then stopped; beside its
 * database, processing threads alone (no HTTP), fed by appending to the hit log: what the tests
 * of the processing stage's restarts and takeovers start from. `cleanup` collects the undoing.
 */
export async function processingBeside(
  engine: EngineName,
  recipients: number,
  agent: string,
  cleanup: (() => Promise<void>)[],
): Promise<ProcessingBeside> {
  const { database, env, messageId } = await mailSentThenStopped(engine, recipients, cleanup);
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' }, process.cwd());
  const postgres = database.schema ? { schema: database.schema, maxConnections: 2 } : {};
  const store = await openStore(config.database, postgres);
  cleanup.push(() => store.close());
  const copies = await store.db
    .selectFrom('recipients')
    .select(['id', 'messageId', 'workspaceId'])
    .where('messageId', '=', messageId)
    .execute();
  return {
    store,
    messageId,
    hit: (n) => {
      const copy = copies[n % copies.length]!;
      return buildHitLogRow(Date.now(), {
        workspaceId: copy.workspaceId,
        messageId: copy.messageId,
        recipientId: copy.id,
        ip: `198.51.${n}.0`,
        userAgent: `Mozilla/5.0 (X11; Linux x86_64) ${agent}/${n}`,
      });
    },
    start: async (overrides = {}) => {
      const processing = await ProcessingThread.start({
        database: config.database,
        postgres,
        logLevel: 'silent',
        log: createLogger({ logLevel: 'silent', trackingIp: 'anonymize' }),
        clock: Date.now,
        clickSettleMs: 0,
        hitLog: store.hitLog,
        onPublished: () => {},
        onWebhooksQueued: () => {},
        onProcessed: () => {},
        ...overrides,
      });
      cleanup.push(() => processing.stop());
      return processing;
    },
  };
}
