export {
  SmtpFailure,
  type SmtpFailureInit,
  type SmtpFailureKind,
  type SmtpStage,
} from './smtp-failure.js';
export {
  createSmtpSender,
  type SmtpEnvelope,
  type SmtpSender,
  type SmtpSenderOptions,
  type SmtpSent,
} from './smtp-sender.js';
export { parseSmtpUrl, type SmtpUrl } from './smtp-url.js';
export { type FailureContext, toSmtpFailure } from './to-smtp-failure.js';
