export { type ClassifierLists, loadClassifierLists } from './classify/index.js';
export { keptIp } from './client-ip.js';
export { TrackingDirectory } from './directory.js';
export { type TrackingPluginOptions, trackingRoutes } from './http/plugin.js';
export { EventRecorder, type RecorderHooks } from './recorder.js';
export { EventSpool } from './spool.js';
export {
  HONEYPOT_INDEX,
  newTrackingId,
  signToken,
  type TokenKind,
  type TokenValue,
  verifyToken,
} from './tokens.js';
export { type CopyTrackingUrls, copyTrackingUrls } from './urls.js';
export { type ClientInfo, parseClient } from './user-agent.js';
