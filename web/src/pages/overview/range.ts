import { DAY_MS } from '../../lib/time-units';

/** The ranges offered with one press, in days up to today. */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
const DEFAULT_PRESET: Preset = 30;
/** The longest range the server draws (its stats/daily limit). */
export const MAX_DAYS = 366;

/**
 * The days the Overview shows, both included, as UTC days (`YYYY-MM-DD`): the statistics count
 * by UTC day. `preset` is set when the range is one of PRESETS ending today.
 */
export interface DayRange {
  readonly from: string;
  readonly to: string;
  readonly preset: Preset | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of epoch ms `ms`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms at which the UTC day starts; NaN for anything that is not a day of the calendar. */
function startOf(day: string): number {
  if (!DAY.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && dayOf(ms) === day ? ms : Number.NaN;
}

/** Whether `day` is a day of the calendar written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  return !Number.isNaN(startOf(day));
}

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return dayOf(startOf(day) + days * DAY_MS);
}

/** How many days a range holds, both ends included (0 or less: not a range). */
export function lengthOf(from: string, to: string): number {
  return Math.round((startOf(to) - startOf(from)) / DAY_MS) + 1;
}

function preset(days: Preset, today: string): DayRange {
  return { from: addDays(today, 1 - days), to: today, preset: days };
}

/**
 * The range a page address asks for: `?from=…&to=…` (days, both included; at most MAX_DAYS), or
 * `?days=7|30|90` up to today; anything else, the last 30 days. An address shared yesterday
 * with `days` shows the last days as of today; with from/to, the same days.
 */
export function rangeOf(search: string, today: string): DayRange {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const length = lengthOf(from, to);
  if (length >= 1 && length <= MAX_DAYS) return { from, to, preset: null };
  const days = Number(params.get('days'));
  return preset(PRESETS.find((p) => p === days) ?? DEFAULT_PRESET, today);
}

/** The page address's query for `range`. */
export function searchOf(range: DayRange): string {
  return range.preset === null ? `?from=${range.from}&to=${range.to}` : `?days=${range.preset}`;
}

/** The API's bounds for `range`: `from` its first day, `to` the day after its last (exclusive). */
export function apiBounds(range: DayRange): { from: string; to: string } {
  return { from: range.from, to: addDays(range.to, 1) };
}
