export { IdleSignal } from './idle-signal.js';
export {
  type JobHandler,
  type JobOutcome,
  startWorker,
  type Worker,
  type WorkerOptions,
} from './worker.js';
