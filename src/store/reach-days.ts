import { sql } from 'kysely';
import { DAY_MS } from '../time-units.js';
import type { Db } from './database.js';
import { idTimePrefix } from './ids.js';

/** Why a day's anonymous totals exist: the retention purge, or an erasure. */
export type ReachSource = 'retention' | 'erasure';

/**
 * The statistics' anonymous totals for events that are gone: per workspace, UTC day (days since
 * the epoch), event type and audience, how many distinct recipients. No recipient is named.
 */
export interface ReachDayTable {
  workspaceId: string;
  day: number;
  type: 'open' | 'click' | 'download';
  audience: 'people' | 'machines';
  source: ReachSource;
  recipients: number;
}

/** The reach statistics' rule for an event row, in SQL: the same as reachPerDay's. */
const REACH_SELECT = sql`select workspace_id, at / ${sql.lit(DAY_MS)} as day, type,
    case when classification = 'machine' then 'machines' else 'people' end as audience`;
const REACH_WHERE = sql`type in ('open', 'click', 'download') and classification <> 'self'`;
const REACH_GROUP = sql`group by workspace_id, at / ${sql.lit(DAY_MS)}, type,
    case when classification = 'machine' then 'machines' else 'people' end`;

/**
 * Keeps the statistics of every event before `before` (epoch ms, the start of a UTC day) as
 * anonymous daily totals, before the retention purge deletes them. A day kept already is left
 * as it is, so a purge interrupted half-way and run again does not count the deleted half out.
 * Walks the primary key (ids are time-ordered: every such event's id is below the cut-off's).
 * Returns how many day rows were written.
 */
export async function keepReachBefore(db: Db, before: number): Promise<number> {
  const result = await sql`insert into reach_days
      (workspace_id, day, type, audience, source, recipients)
    ${REACH_SELECT}, 'retention' as source, count(distinct recipient_id) as recipients
    from events where id < ${idTimePrefix(before)} and at < ${before} and ${REACH_WHERE}
    ${REACH_GROUP}
    on conflict (workspace_id, day, type, audience, source) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Adds these recipients' statistics, day by day, to the anonymous totals before their events
 * are erased: the statistics keep counting them, without naming them.
 */
export async function keepReachOf(db: Db, recipientIds: readonly string[]): Promise<void> {
  if (recipientIds.length === 0) return;
  await sql`insert into reach_days (workspace_id, day, type, audience, source, recipients)
    ${REACH_SELECT}, 'erasure' as source, count(distinct recipient_id) as recipients
    from events where recipient_id in (${sql.join(recipientIds)}) and ${REACH_WHERE}
    ${REACH_GROUP}
    on conflict (workspace_id, day, type, audience, source)
    do update set recipients = reach_days.recipients + excluded.recipients`.execute(db);
}

/** The anonymous totals of a workspace's days from `sinceDay` on. */
export function listReachDays(db: Db, workspaceId: string, sinceDay: number) {
  return db
    .selectFrom('reachDays')
    .select(['day', 'type', 'audience', 'recipients'])
    .where('workspaceId', '=', workspaceId)
    .where('day', '>=', sinceDay)
    .execute();
}
