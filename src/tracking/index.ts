export { type RunningHitLog, startHitLog } from './capture.js';
export { TrackingDirectory } from './directory.js';
export { type HitLogHooks, HitLogWriter } from './hit-log-writer.js';
export { HitSpool } from './hit-spool.js';
export {
  sendTrackingError,
  type TrackingPluginOptions,
  trackingClientErrorResponse,
  trackingRoutes,
} from './http/plugin.js';
export { SenderSessions } from './sender-sessions.js';
export {
  HONEYPOT_INDEX,
  signToken,
  type TokenKind,
  type TokenValue,
  verifyToken,
} from './tokens.js';
export {
  type AggregateUrls,
  aggregateTrackingUrls,
  type CopyTrackingUrls,
  copyTrackingUrls,
  TRACKING_PREFIX,
} from './urls.js';
