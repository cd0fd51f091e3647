/**
 * Tells people from machines: labels every tracking hit `human`, `proxy`, `machine` or `self`
 * with a reason code (docs/classification.md lists them and the measured accuracy).
 *
 * Pure and synchronous; the lists are read once, at start.
 *
 *   const lists = loadClassifierLists();                 // data/classifier/*.json
 *   const verdict = classifyHit(hit, { deliveredAt, prior }, lists);
 *   for (const { index, verdict: v } of relabelPrior(hit, verdict, { deliveredAt, prior })) {
 *     // update the stored event behind prior[index] to v (and retract its notification)
 *   }
 *
 * `prior` is the copy's recorded hits (not inferred opens) of the last PRIOR_WINDOW_MS at least,
 * oldest first, each with its current classification and reason. Hold clicks SETTLE_MS before
 * notifying, so that a burst is recognised before anyone is told.
 */
export { classifyHit } from './classify.js';
export {
  type AgentRule,
  buildClassifierLists,
  type ClassifierLists,
  DEFAULT_LISTS_DIR,
  type ListRole,
  type ListSummary,
  loadClassifierLists,
  type NetworkList,
} from './lists.js';
export { type NetworkSet, networkSet, sameSource, sourceNetwork } from './networks.js';
export { relabelPrior } from './relabel.js';
export type {
  CopyContext,
  HitFacts,
  PriorHit,
  Reason,
  Verdict,
} from './types.js';
export {
  BURST_GAP_MS,
  EARLY_CLICK_MS,
  OPEN_LEAD_MS,
  PRIOR_WINDOW_MS,
  READ_LEAD_MS,
  SETTLE_MS,
  SOURCE_WINDOW_MS,
} from './windows.js';
