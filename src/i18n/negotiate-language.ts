import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages.js';

// A header is a short list; anything longer than this is not a browser talking.
const MAX_LENGTH = 1024;
const TAG = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Range {
  primary: string;
  quality: number;
  order: number;
}

function parseRange(entry: string, order: number): Range | undefined {
  const [tag = '', ...parameters] = entry.split(';').map((part) => part.replace(/\s+/g, ''));
  if (!TAG.test(tag)) return undefined;
  let quality = 1;
  for (const parameter of parameters) {
    if (!/^q=/i.test(parameter)) continue;
    const match = QUALITY.exec(parameter);
    // A malformed weight makes the whole range unreadable, so it says nothing.
    if (!match) return undefined;
    quality = Number(match[1]);
  }
  return { primary: tag.split('-')[0]!.toLowerCase(), quality, order };
}

/**
 * Picks one of LANGUAGES from an Accept-Language header (q-values honoured; it-IT, it-CH count
 * as it; anything else or missing → the default, en). The best-weighted range we can serve wins,
 * so `fr, it;q=0.5` is Italian (we have no French, and the reader reads Italian) while
 * `en-US, it;q=0.5` is English; `*` stands for the default.
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranges = acceptLanguage
    .slice(0, MAX_LENGTH)
    .split(',')
    .map((entry, order) => parseRange(entry, order))
    .filter((range): range is Range => range !== undefined && range.quality > 0)
    .filter((range) => range.primary === '*' || isLanguage(range.primary))
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  const best = ranges[0]?.primary;
  return isLanguage(best) ? best : DEFAULT_LANGUAGE;
}
