// The one locale registry: every word the server writes (recipient pages, blocks in sent mail,
// notifications, chat lines, why a delivery failed, the dev inbox's pages) comes from a
// catalogue in a folder per language (en/, it/). It sits on the ground floor beside html/: it
// imports nothing of src but itself.
export type { SmtpFailureFacts } from './en/delivery.js';
export type { Wording } from './en/index.js';
export { formatDateTime, formatLongDate } from './format-date.js';
export { formatFileSize } from './format-file-size.js';
export {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  toLanguage,
} from './languages.js';
export type { Html } from './markup.js';
export { negotiateLanguage } from './negotiate-language.js';
export { wording } from './registry.js';
