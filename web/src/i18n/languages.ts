import type { Language } from '../lib/types';

/** The languages the app speaks are the server's (src/i18n/languages.ts: one list for both). */
export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from '../../../src/i18n/languages';

/** Each language by its own name, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', it: 'Italiano' };
