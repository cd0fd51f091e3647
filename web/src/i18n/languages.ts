/** The languages the app speaks are the server's (src/i18n/languages.ts: one list for both). */
export {
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_DETAILS,
  LANGUAGES,
} from '../../../src/i18n/languages';
