/**
 * SMTP submission (RFC 6409, issue 17 points 1 and 2): mail clients (Thunderbird, Outlook,
 * Apple Mail, a CRM) send through Mailbeacon over SMTP with STARTTLS, logging in with the user's
 * e-mail address and an API key; each mail they submit becomes a message as if composed in the
 * app, and goes out through the same send path (tracking, do-not-track list, policy, notice).
 *
 * Wiring: `startSubmission({config, submission: config.submission, store, blobs, log, clock,
 * nudge: () => worker.nudge()})` from src/service.ts; docs/mail-clients.md says how to set up
 * the clients.
 */

export { SubmissionLogin } from './login.js';
export { SmtpRefusal } from './refusal.js';
export { createSelfSigned, SELF_SIGNED_DAYS } from './self-signed.js';
export { startSubmission, submissionMaxBytes } from './start-submission.js';
export { isLoopback } from './submission-connection.js';
export type { SubmissionServer } from './submission-server.js';
export { TRACKING_HEADER } from './submitted-mail.js';
export {
  certificateNames,
  GENERATED_CERT_FILE,
  GENERATED_KEY_FILE,
  loadSubmissionTls,
  type SubmissionTls,
} from './tls-files.js';
