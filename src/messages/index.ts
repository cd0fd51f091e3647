export { changeAttachmentLink, type LinkChange } from './attachment-links.js';
export type { CopyUrls } from './build-copy.js';
export {
  draftWarnings,
  type GmailClipWarning,
  type MessageWarning,
  messageWarnings,
} from './clip-warnings.js';
export {
  type MessageDetails,
  type MessageListPage,
  messageDetails,
  messagePage,
} from './details.js';
export { discardDraft } from './discard-draft.js';
export {
  createMessage,
  effectiveSender,
  permittedSenders,
  trackingOnCreate,
  updateDraft,
} from './drafts.js';
export { type MessageEvents, messageEvents } from './events.js';
export { inlineAttachmentIds } from './inline-images.js';
export {
  type AddressInput,
  type ComposedContent,
  checkAddressList,
  checkComplete,
  MAX_BODY_CHARS,
  MAX_MESSAGE_ATTACHMENTS,
  type MessageInput,
} from './input.js';
export {
  checkMessageContent,
  MAX_ADDRESSES,
  MessageAddressList,
  MessageBody,
  type MessageContentInput,
  MessageSubject,
} from './input-schema.js';
export { checkLinkLimit, MAX_TRACKED_LINKS } from './link-limit.js';
export { createRelayPool, type RelayPool } from './relays.js';
export { queueMessage, SEND_QUEUE } from './send.js';
export {
  DEFAULT_RETRY_DELAYS_MS,
  type SendCopyDeps,
  sendCopyHandler,
  shownResponse,
} from './send-copy.js';
export { startSendWorker } from './send-worker.js';
export { SENT_FOLDER_QUEUE } from './sent-folder-queue.js';
export { refreshMessageStatus } from './status.js';
export {
  createSystemMailer,
  type SystemMailer,
  type SystemMailerDeps,
  systemSender,
} from './system-mail.js';
export { buildTeamCopy, teamMessageIdOf } from './team-copy.js';
