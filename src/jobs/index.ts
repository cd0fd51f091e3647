export { IdleSignal } from './idle-signal.js';
export {
  defineQueue,
  type JobHandler,
  type JobOutcome,
  type Queue,
  type QueuedJob,
} from './queue.js';
export { recoverJobs } from './recover.js';
export {
  startWorker,
  type Worker,
  type WorkerOptions,
} from './worker.js';
