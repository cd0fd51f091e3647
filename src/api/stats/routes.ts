import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';
import { type DailyReach, reachPerDay, sentPerDay } from '../../store/index.js';
import { DAY_MS } from '../../time-units.js';
import { principalOf } from '../plugins/auth.js';
import { dayStartMs } from '../plugins/formats.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { ratesRoute } from './rates.js';
import { DailyQuery, DailyStats } from './schema.js';

const KEYS = { open: 'opened', click: 'clicked', download: 'downloaded' } as const;
/** The longest window the chart draws, in days. */
const MAX_DAYS = 366;

function emptyCounts() {
  return {
    sent: 0,
    opened: { people: 0, machines: 0 },
    clicked: { people: 0, machines: 0 },
    downloaded: { people: 0, machines: 0 },
  };
}
type Counts = ReturnType<typeof emptyCounts>;

function addReach(counts: Counts, row: DailyReach): void {
  counts[KEYS[row.type]][row.audience] += row.recipients;
}

export async function statsRoutes(app: FastifyInstance): Promise<void> {
  dailyStats(typed(app));
  ratesRoute(typed(app));
}

/** A day of the query as days since the epoch; MB_ERR_VALIDATION (400) for a day that is none. */
function dayOfQuery(name: string, raw: string): number {
  const ms = dayStartMs(raw);
  if (ms === undefined) fail('MB_ERR_VALIDATION', `querystring/${name} must be a day, 2026-11-30`);
  return ms / DAY_MS;
}

/**
 * The window's days [first, end) from `from`/`to` (days; `to` exclusive, default tomorrow) or,
 * without `from`, the `days` up to today. MB_ERR_VALIDATION (400) when `from` is not before
 * `to` or the window is longer than MAX_DAYS.
 */
function windowOf(query: { days?: number; from?: string; to?: string }): [number, number] {
  const today = Math.floor(Date.now() / DAY_MS);
  const end = query.to === undefined ? today + 1 : dayOfQuery('to', query.to);
  if (query.from === undefined) return [end - (query.days ?? 30), end];
  const first = dayOfQuery('from', query.from);
  if (first >= end) fail('MB_ERR_VALIDATION', '`from` must be before `to`');
  if (end - first > MAX_DAYS) {
    fail('MB_ERR_VALIDATION', `the range may be at most ${MAX_DAYS} days long`);
  }
  return [first, end];
}

function dailyStats(api: Api): void {
  api.get(
    '/api/v1/stats/daily',
    {
      schema: {
        tags: ['stats'],
        summary: 'Per UTC day: messages sent, and recipients who opened, clicked or downloaded',
        querystring: DailyQuery,
        response: responses({ 200: DailyStats }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      const [first, end] = windowOf(request.query);
      const since = first * DAY_MS;
      const until = end * DAY_MS;
      const [sent, reach, total] = await Promise.all([
        sentPerDay(api.store.db, workspaceId, since, until),
        reachPerDay(api.store.db, workspaceId, since, true, until),
        reachPerDay(api.store.db, workspaceId, since, false, until),
      ]);
      const days = Array.from({ length: end - first }, emptyCounts);
      const totals = emptyCounts();
      for (const row of sent) {
        const day = days[row.day - first];
        if (day) day.sent += row.sent;
        totals.sent += row.sent;
      }
      for (const row of reach) {
        const day = row.day === null ? undefined : days[row.day - first];
        if (day) addReach(day, row);
      }
      for (const row of total) addReach(totals, row);
      return {
        days: days.map((counts, i) => ({
          date: new Date((first + i) * DAY_MS).toISOString().slice(0, 10),
          ...counts,
        })),
        totals,
      };
    },
  );
}
