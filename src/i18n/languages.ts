/**
 * The languages the server and the web app write in, by their ISO 639-1 code. Adding one is
 * adding its code here with its details below, its folder of catalogues beside this file and
 * the web app's in web/src/i18n/ (docs/decisions.md, issue 11).
 */
export const LANGUAGES = ['en', 'it'] as const;

export type Language = (typeof LANGUAGES)[number];

/**
 * Each language's own name, as a language menu shows it, and the locale the web app writes its
 * dates and numbers in (Intl's tag).
 */
export const LANGUAGE_DETAILS: Readonly<Record<Language, { name: string; locale: string }>> = {
  en: { name: 'English', locale: 'en-GB' },
  it: { name: 'Italiano', locale: 'it-IT' },
};

/** What we write when we know nothing better: no profile, no Accept-Language we can serve. */
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * A code read from storage or a request, as a language we write: itself when we have it, else
 * the default. For columns typed as plain text (a message's language) and payloads.
 */
export function toLanguage(code: string | null | undefined): Language {
  return isLanguage(code) ? code : DEFAULT_LANGUAGE;
}
