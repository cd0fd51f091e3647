/**
 * The team's shared mailbox over IMAP (issue 17, points 3 and 4; RFC 9051): the untracked copy
 * of each sent message appended to its Sent folder, and its INBOX watched for replies to our
 * copies, which become `reply` (or `auto_reply`) events. The SMTP submission side of issue 17
 * lives in src/submission.
 *
 *   const mailboxes = await startMailboxes({ store, blobs, keyring, log, outbound, clock });
 *   await mailboxes.idle();   // every INBOX read, every Sent copy appended or waiting to retry
 */
export { MailboxError, type MailboxProblem } from './connect.js';
export { type Mailboxes, type MailboxesOptions, startMailboxes } from './mailboxes.js';
export { DEFAULT_SENT_RETRY_DELAYS_MS } from './sent-worker.js';
export { type MailboxStatus, mailboxStatus } from './status.js';
export { forgetMailbox, verifyMailbox } from './verify.js';
export type { MailboxWatcher, WatcherEvents } from './watcher.js';
