/**
 * The languages the server writes in, by their ISO 639-1 code. Adding one is adding its code
 * here and its folder of catalogues beside this file (the registry's type asks for both).
 */
export const LANGUAGES = ['en', 'it'] as const;

export type Language = (typeof LANGUAGES)[number];

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
