import type { Language } from './languages.js';
import { wording } from './registry.js';

/** The calendar day and clock of an instant in an IANA time zone, as numbers (month 1–12). */
function zonedParts(date: Date, timeZone: string) {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot write out an invalid date');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((each) => each.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

function longDate(parts: ReturnType<typeof zonedParts>, language: Language): string {
  const words = wording(language).formats;
  return `${words.dayOfMonth(parts.day)} ${words.months[parts.month - 1]} ${parts.year}`;
}

/**
 * A day written out as people write it: `27 December 2026`, `27 dicembre 2026`, `1° gennaio
 * 2027` (Italian writes the first of the month as an ordinal). The month names are ours, so the
 * wording does not depend on the ICU data Node was built with; only the time zone comes from Intl.
 * `timeZone` is an IANA zone. Throws RangeError for an invalid date.
 */
export function formatLongDate(date: Date, language: Language, timeZone = 'UTC'): string {
  return longDate(zonedParts(date, timeZone), language);
}

/**
 * The day as formatLongDate writes it and the time on the 24-hour clock with its zone:
 * `27 December 2026 at 14:05 UTC`, `27 dicembre 2026 alle 14:05 UTC`. Throws RangeError for an
 * invalid date.
 */
export function formatDateTime(date: Date, language: Language, timeZone = 'UTC'): string {
  const parts = zonedParts(date, timeZone);
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  const clock = `${twoDigits(parts.hour)}:${twoDigits(parts.minute)} ${timeZone}`;
  return wording(language).formats.dateAtTime(longDate(parts, language), clock);
}
