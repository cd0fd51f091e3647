export { addressKey, domainKey, foldCase } from './address-key.js';
export {
  type Address,
  type AddressCheck,
  checkAddress,
  isValidEmail,
  normalizeEmail,
} from './addresses.js';
export {
  type AggregateTracking,
  type CopyFile,
  type CopyInput,
  type CopyTracking,
  composeCopy,
  copyHtml,
} from './compose-copy.js';
export { type DevSmtpServer, startDevSmtpServer } from './dev-smtp/index.js';
export {
  clippedByGmail,
  GMAIL_CLIP_BYTES,
  htmlBytesAsSent,
  INSTRUMENT_BLOCKS,
  type InstrumentOptions,
  type InstrumentResult,
  instrumentMail,
  type TrackedLink,
} from './instrument/index.js';
export { formatAddress, type MailCopy, streamMime } from './mime/index.js';
export { foldForSearch, messageSearchText, type SearchableMessage } from './search-text.js';
export {
  createSmtpSender,
  parseSmtpUrl,
  SmtpFailure,
  type SmtpSender,
  type SmtpSent,
  toSmtpFailure,
} from './smtp/index.js';
export { listenSmtp, readData, type SmtpListener } from './smtp-listener.js';
export {
  ADDRESS_PATTERN,
  BAD_TEXT_REFUSAL,
  CONTROL_CHARACTERS,
  holdsBadText,
  SINGLE_LINE_PATTERN,
  SingleLine,
  singleLineRefusal,
} from './text-rules.js';
