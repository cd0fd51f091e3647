/**
 * The processing thread: the hit log's consumer (src/pipeline) and the notification fan-out
 * (src/notify) in a worker_thread with a database connection of its own.
 *
 *   const processing = await ProcessingThread.start({ database, logLevel, log, clock, … });
 *   processing.nudge();        // hits were appended
 *   await processing.idle();   // every hit processed, no notification due
 */
export {
  type ProcessingStatus,
  ProcessingThread,
  type ProcessingThreadOptions,
} from './processing-thread.js';
