import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ApiError } from '../lib/api';
import type { Language } from '../lib/types';
import type { Dictionary } from './en';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from './languages';

/** The catalogues by folder: web/src/i18n/<code>/index.ts exports its `dictionary`. */
const CATALOGUES = import.meta.glob<Dictionary>('./*/index.ts', {
  eager: true,
  import: 'dictionary',
});

/** Each language of the list with its catalogue; one without stops the app, naming its folder. */
const DICTIONARIES = Object.fromEntries(
  LANGUAGES.map((code) => {
    const dictionary = CATALOGUES[`./${code}/index.ts`];
    if (!dictionary) throw new Error(`No catalogue for ${code}: add web/src/i18n/${code}/index.ts`);
    return [code, dictionary];
  }),
) as Record<Language, Dictionary>;
const STORAGE_KEY = 'mailbeacon.language';

/** The reader's choice if they made one here, else the browser's first language we speak. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

interface I18n {
  readonly language: Language;
  readonly t: Dictionary;
  /** The reader's choice (the selector): remembered in this browser for when logged out. */
  setLanguage(language: Language): void;
  /**
   * Shows the app in a logged-in user's profile language, without remembering it in this
   * browser; `undefined` (logged out) goes back to the browser's or the selector's choice.
   */
  followProfile(language: Language | undefined): void;
  /** A refusal in the reader's words: known codes translated, else the server's message. */
  errorText(error: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const followProfile = useCallback((profile: Language | undefined) => {
    const next = profile ?? initialLanguage();
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  document.documentElement.lang = language;
  const value = useMemo<I18n>(() => {
    const t = DICTIONARIES[language];
    return {
      language,
      t,
      setLanguage,
      followProfile,
      errorText: (error) => {
        if (error instanceof ApiError) return t.errors[error.code] ?? error.message;
        return t.errors.generic!;
      },
    };
  }, [language, setLanguage, followProfile]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
