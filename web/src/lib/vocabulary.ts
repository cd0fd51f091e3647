/** The lists the app shares with the server (src/vocabulary.ts, pure data: bundled as is). */
export {
  CLASSIFICATIONS,
  EVENT_TYPES,
  NOTIFICATION_TYPES,
  SMTP_SECURITIES,
  TRACKING_POLICIES,
} from '../../../src/vocabulary';
