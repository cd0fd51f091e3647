import { escapeHtml } from '../../html/index.js';
import { formatLongDate } from '../../mail/index.js';
import type { Html, PageLanguage } from './types.js';

/** `27 December 2026` / `27 dicembre 2026`, as the mail itself writes its expiry. */
export function longDate(date: Date, language: PageLanguage, timeZone = 'UTC'): string {
  return formatLongDate(date, language, timeZone);
}

/** `27 December 2026 at 14:05 UTC` / `27 dicembre 2026 alle 14:05 UTC` (24-hour clock in both). */
export function longDateTime(date: Date, language: PageLanguage, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((each) => each.type === type)?.value.padStart(2, '0') ?? '00';
  const clock = `${part('hour')}:${part('minute')} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
  return `${longDate(date, language, timeZone)} ${language === 'it' ? 'alle' : 'at'} ${clock}`;
}

/** Written text in a `<time>` that also carries the exact instant for machines. */
export function timeElement(date: Date, text: string): Html {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)}</time>`;
}

/**
 * Italian elides the article before a vowel sound, and among days only 8 and 11 start with one:
 * `il 27 dicembre`, `l’8 marzo`; `al 27`, `all’8`; `dal 27`, `dall’11`.
 */
export function italianArticle(date: string, preposition: '' | 'a' | 'da'): string {
  const elided = /^(?:8|11) /.test(date);
  if (preposition === '') return elided ? 'l’' : 'il ';
  return `${preposition}${elided ? 'll’' : 'l '}`;
}
