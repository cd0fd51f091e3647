import { fail } from '../../errors.js';
import { dayStartMs, instantMs } from './formats.js';

/**
 * A `from`/`to` bound as epoch ms: a day (its start in UTC) or an RFC 3339 instant with its
 * offset, read by the app's one date reader (`formats.ts`), exactly as given: no white space
 * around it, no hour 24, no leap second, no day the calendar lacks. Raises MB_ERR_VALIDATION
 * (400) for anything else.
 */
export function parseBound(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = dayStartMs(raw) ?? instantMs(raw);
  if (ms === undefined) {
    fail(
      'MB_ERR_VALIDATION',
      `querystring/${name} must be a day (2026-11-30) or an RFC 3339 instant (2026-11-30T09:00:00Z), not ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

/** A range of time as the API's `from`/`to` give it: from inclusive, to exclusive (epoch ms). */
export interface TimeRange {
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/**
 * The query's `from` and `to` read with parseBound. Raises MB_ERR_VALIDATION (400) for a bound
 * that is neither a day nor an instant, and for a `from` after `to`.
 */
export function parseRange(query: {
  from?: string | undefined;
  to?: string | undefined;
}): TimeRange {
  const from = parseBound('from', query.from);
  const to = parseBound('to', query.to);
  if (from !== undefined && to !== undefined && from > to) {
    fail('MB_ERR_VALIDATION', '`from` must not be after `to`');
  }
  return { from, to };
}
