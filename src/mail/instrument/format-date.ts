import type { Language } from './types.js';

const MONTHS: Record<Language, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  it: [
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'agosto',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ],
};

/**
 * A day written out as people write it: `27 December 2026`, `27 dicembre 2026`, `1° gennaio
 * 2027` (Italian writes the first of the month as an ordinal). The month names are ours, so the
 * wording does not depend on the ICU data Node was built with; only the time zone comes from Intl.
 */
export function formatLongDate(date: Date, language: Language, timeZone = 'UTC'): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot write out an invalid date');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((each) => each.type === type)?.value);
  const day = part('day');
  const month = MONTHS[language][part('month') - 1];
  const dayText = language === 'it' && day === 1 ? '1°' : String(day);
  return `${dayText} ${month} ${part('year')}`;
}
