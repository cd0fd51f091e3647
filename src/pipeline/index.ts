/**
 * The processing stage: reads the hit log that the tracking endpoints append to, and derives
 * everything else from it off the request path — classification (people apart from machines),
 * relabels, inferred opens, events, counters, and the fan-out's jobs (DESIGN.md, "The two flows").
 *
 *   const pipeline = new HitPipeline({ store, lists: loadClassifierLists(), log });
 *   pipeline.start();
 *   pipeline.nudge();        // after hits were appended
 *   await pipeline.idle();   // every hit appended so far is processed
 */
export {
  type ClassifierLists,
  loadClassifierLists,
  networkSet,
  SETTLE_MS,
} from './classify/index.js';
export { keptIp } from './client-ip.js';
export { type HitHeaders, hitHeaders } from './hit-headers.js';
export { HitPipeline, type PipelineOptions, type PipelineStatus } from './hit-pipeline.js';
export { type ClientInfo, clientAsShown, parseClient } from './user-agent.js';
