import ajvFormats from 'ajv-formats';

// A CommonJS module: imported from ES, its default is `module.exports`, whose `default` is the
// plugin (TypeScript's NodeNext types see it the same way).
const addFormats = ajvFormats.default;
type Ajv = Parameters<typeof addFormats>[0];

/** RFC 3339's date-time, its parts captured: date, time, fraction, offset. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** The years an instant may fall in: Unix time's start to the last four-digit year. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

/** Whether year, month and day name a day of the calendar (Date.UTC rolls 02-30 over). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The epoch ms of `text` when it is an instant the service can hold: RFC 3339 §5.6 `date-time`
 * with an offset (hours 00–23, minutes and seconds 00–59), on a day of the calendar, in the
 * years 1970–9999, and without a leap second (`23:59:60`). RFC 3339 allows the leap second and
 * ajv-formats accepts it, but JavaScript's Date has none: `new Date('2030-06-30T23:59:60Z')` is
 * Invalid Date, and the route that read it answered 500. `Date.parse` alone is no check: it
 * reads `T24:00:00Z` as the next midnight and ignores white space around the text.
 */
export function instantMs(text: string): number | undefined {
  const parts = DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second, offsetHour = 0, offsetMinute = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (year === undefined || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  if (!isCalendarDay(year, month ?? 0, day ?? 0)) return undefined;
  if ((hour ?? 24) > 23 || (minute ?? 60) > 59 || (second ?? 60) > 59) return undefined;
  if (offsetHour > 23 || offsetMinute > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Whether `text` is an instant the service can hold (see {@link instantMs}). */
export function isInstant(text: string): boolean {
  return instantMs(text) !== undefined;
}

/** RFC 3339's full-date: `YYYY-MM-DD`, nothing around it. */
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch ms at which the UTC day `text` (RFC 3339 full-date, 1970–9999) starts. */
export function dayStartMs(text: string): number | undefined {
  const [year, month, day] = (FULL_DATE.exec(text)?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (year < FIRST_YEAR || year > LAST_YEAR || !isCalendarDay(year, month, day)) return undefined;
  return Date.UTC(year, month - 1, day);
}

/**
 * The formats every schema of the app validates with: ajv-formats' own, with `date-time`
 * narrowed to what {@link isInstant} accepts. Named `formatsPlugin` because Fastify's ajv
 * compiler adds ajv-formats itself after the given plugins (which would put the wide
 * `date-time` back) unless one of them has that name.
 */
export function formatsPlugin(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isInstant });
  return ajv;
}
