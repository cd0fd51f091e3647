export {
  HONEYPOT_INDEX,
  newTrackingId,
  signToken,
  type TokenKind,
  type TokenValue,
  verifyToken,
} from './tokens.js';
export { type CopyTrackingUrls, copyTrackingUrls } from './urls.js';
