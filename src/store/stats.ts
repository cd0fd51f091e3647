import { sql } from 'kysely';
import type { Db } from './database.js';

/*
 * A read model, not a table: the overview's daily counts, computed from the messages table (sent)
 * and the events table (reach). Each table's own file owns its rows; this file only aggregates.
 */

export const DAY_MS = 86_400_000;

/** What the overview counts: people (human and proxy opens) apart from machines. */
export type Audience = 'people' | 'machines';
export type CountedEvent = 'open' | 'click' | 'download';

export interface DailySent {
  /** Days since the epoch (UTC). */
  readonly day: number;
  readonly sent: number;
}

export interface DailyReach {
  readonly day: number | null;
  readonly type: CountedEvent;
  readonly audience: Audience;
  /** Distinct recipients. */
  readonly recipients: number;
}

// Integer division gives the UTC day on both engines (epoch-ms integers on each). A literal, not
// a parameter: a bound number may arrive as a float on SQLite, and the division would not floor.
const dayOf = (column: 'sentAt' | 'at') => sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
const audienceOf = sql<Audience>`case when ${sql.ref('classification')} = 'machine' then 'machines' else 'people' end`;

/** Messages sent per UTC day since `since` (epoch ms), days without any left out. */
export async function sentPerDay(db: Db, workspaceId: string, since: number): Promise<DailySent[]> {
  const rows = await db
    .selectFrom('messages')
    .select([dayOf('sentAt').as('day'), (eb) => eb.fn.countAll<number>().as('sent')])
    .where('workspaceId', '=', workspaceId)
    .where('sentAt', '>=', since)
    .groupBy(dayOf('sentAt'))
    .execute();
  return rows.map((row) => ({ day: Number(row.day), sent: Number(row.sent) }));
}

/**
 * Distinct recipients who opened, clicked or downloaded, per UTC day (or over the whole window
 * with `perDay` false), split into people and machines. The team's own views (`self`) and the
 * events that are not reach (expiry, opt-out) are left out.
 */
export async function reachPerDay(
  db: Db,
  workspaceId: string,
  since: number,
  perDay: boolean,
): Promise<DailyReach[]> {
  let query = db
    .selectFrom('events')
    .select([
      'type',
      audienceOf.as('audience'),
      (eb) => eb.fn.count<number>('recipientId').distinct().as('recipients'),
    ])
    .where('workspaceId', '=', workspaceId)
    .where('at', '>=', since)
    .where('type', 'in', ['open', 'click', 'download'])
    .where('classification', '!=', 'self')
    .groupBy(['type', audienceOf]);
  if (perDay) query = query.select(dayOf('at').as('day')).groupBy(dayOf('at'));
  const rows = await query.execute();
  return rows.map((row) => ({
    day: 'day' in row ? Number(row.day) : null,
    type: row.type as CountedEvent,
    audience: row.audience,
    recipients: Number(row.recipients),
  }));
}
