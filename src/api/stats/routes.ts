import type { FastifyInstance } from 'fastify';
import { type DailyReach, reachPerDay, sentPerDay } from '../../store/index.js';
import { DAY_MS } from '../../time-units.js';
import { principalOf } from '../plugins/auth.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { DailyQuery, DailyStats } from './schema.js';

const KEYS = { open: 'opened', click: 'clicked', download: 'downloaded' } as const;

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
      const count = request.query.days ?? 30;
      const today = Math.floor(Date.now() / DAY_MS);
      const first = today - count + 1;
      const since = first * DAY_MS;
      const [sent, reach, total] = await Promise.all([
        sentPerDay(api.store.db, workspaceId, since),
        reachPerDay(api.store.db, workspaceId, since, true),
        reachPerDay(api.store.db, workspaceId, since, false),
      ]);
      const days = Array.from({ length: count }, emptyCounts);
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
