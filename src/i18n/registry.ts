import { EN, type Wording } from './en/index.js';
import { IT } from './it/index.js';
import type { Language } from './languages.js';

/** One catalogue per language: a code in LANGUAGES without its catalogue is a type error. */
const CATALOGUES: Readonly<Record<Language, Wording>> = Object.freeze({ en: EN, it: IT });

/**
 * Everything the server says in one language, by area: `pages` (recipient pages), `mail`
 * (blocks inserted into sent mail), `notify` (notifications and every line of a message's
 * chat, worded when read; webhook lines), `delivery` (why a copy was not delivered), `devInbox` (the dev
 * inbox's pages), `formats` (pieces of dates and sizes).
 */
export function wording(language: Language): Wording {
  return CATALOGUES[language];
}
