import { LANGUAGE_DETAILS } from '../i18n/languages';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from './time-units';
import type { Language } from './types';

export function locale(language: Language): string {
  return LANGUAGE_DETAILS[language].locale;
}

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'medium' }).format(new Date(iso));
}

/** Each unit's length, the largest first; months and years are their usual length, near enough. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['week', WEEK_MS],
  ['day', DAY_MS],
  ['hour', HOUR_MS],
  ['minute', MINUTE_MS],
];

/** "3 minutes ago", "tra 2 giorni"; under a minute, "now". */
export function formatRelative(iso: string, language: Language, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, 'second');
}

export function formatSize(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale(language), { maximumFractionDigits: digits })} ${units[unit]}`;
}

export function displayName(address: { email: string; name?: string | null }): string {
  return address.name?.trim() || address.email;
}
