/**
 * The embedded dev inbox: what the dev SMTP server catches when SMTP_URL is unset, kept in the
 * store and the blob store, and read back the way a recipient's mail client reads it.
 *
 * Wiring: `const inbox = createDevInbox(store, blobs)`, then
 * `startDevSmtpServer({ …, onMessage: (mail) => inbox.receive(mail), authenticate })` and
 * `app.register(devInboxRoutes, { inbox })` from `src/api/dev-inbox/routes.ts`.
 */
export { createDevInbox, type DevInbox } from './create-dev-inbox.js';
export { envelopeRecipients } from './envelope.js';
export { formatAddresses } from './format-addresses.js';
export { type DevInboxLogin, devInboxLogin, workspaceOfLogin } from './login.js';
export { createMailCache, type MailCache } from './mail-cache.js';
export { type AttachmentSummary, type MailPart, type OpenedMail, openMail } from './open-mail.js';
export { BASE_TARGET, prepareBody } from './prepare-body.js';
export { type RunningDevInbox, startDevInbox } from './start-dev-inbox.js';
