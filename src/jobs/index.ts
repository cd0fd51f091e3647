export { IdleSignal } from './idle-signal.js';
export { createRelayPool, type RelayPool } from './relays.js';
export {
  type CopyUrls,
  DEFAULT_RETRY_DELAYS_MS,
  type SendCopyDeps,
  sendCopyHandler,
} from './send-copy.js';
export {
  type JobHandler,
  type JobOutcome,
  startWorker,
  type Worker,
  type WorkerOptions,
} from './worker.js';
