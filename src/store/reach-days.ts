import { type RawBuilder, sql } from 'kysely';
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

/**
 * Per recipient, event type and audience, the last UTC day of its events that are gone: what a
 * window's distinct count needs (a person with such a day in the window counts once). It says
 * no more than the recipient row's own counters and last event time.
 */
export interface ReachLastDayTable {
  recipientId: string;
  workspaceId: string;
  type: 'open' | 'click' | 'download';
  audience: 'people' | 'machines';
  day: number;
}

const DAY = sql.lit(DAY_MS);
/** The reach statistics' audience of an event row, in SQL: reachPerDay's rule. */
const AUDIENCE = sql`case when classification = 'machine' then 'machines' else 'people' end`;
/** The events the statistics count: people's and machines' opens, clicks and downloads. */
const COUNTED = sql`type in ('open', 'click', 'download') and classification <> 'self'`;

/**
 * Keeps what the statistics read of the events matching `where` (already restricted to counted
 * ones here), before they are deleted: each day's distinct recipients (`reach_days`, under
 * `source`: `added` says whether a day kept already adds to it or is left) and each
 * recipient's last such day (`reach_last_days`).
 */
async function keepReach(
  db: Db,
  where: RawBuilder<unknown>,
  source: ReachSource,
  added: boolean,
): Promise<number> {
  const onDay = added
    ? sql`do update set recipients = reach_days.recipients + excluded.recipients`
    : sql`do nothing`;
  const result = await sql`insert into reach_days
      (workspace_id, day, type, audience, source, recipients)
    select workspace_id, at / ${DAY}, type, ${AUDIENCE}, ${source}, count(distinct recipient_id)
    from events where ${where} and ${COUNTED}
    group by workspace_id, at / ${DAY}, type, ${AUDIENCE}
    on conflict (workspace_id, day, type, audience, source) ${onDay}`.execute(db);
  await sql`insert into reach_last_days (recipient_id, workspace_id, type, audience, day)
    select recipient_id, workspace_id, type, ${AUDIENCE}, max(at / ${DAY})
    from events where ${where} and ${COUNTED}
    group by recipient_id, workspace_id, type, ${AUDIENCE}
    on conflict (recipient_id, type, audience) do update set day =
      case when excluded.day > reach_last_days.day then excluded.day else reach_last_days.day end`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Keeps the statistics of every event before `before` (epoch ms, the start of a UTC day) as
 * anonymous totals, before the retention purge deletes them. A day kept already is left as it
 * is, so a purge interrupted half-way and run again does not count the deleted half out. Walks
 * the primary key (ids are time-ordered). Returns how many day rows were written.
 */
export function keepReachBefore(db: Db, before: number): Promise<number> {
  return keepReach(db, sql`id < ${idTimePrefix(before)} and at < ${before}`, 'retention', false);
}

/**
 * Adds these recipients' statistics to the anonymous totals before their events are erased:
 * the statistics keep counting them, without naming them.
 */
export async function keepReachOf(db: Db, recipientIds: readonly string[]): Promise<void> {
  if (recipientIds.length === 0) return;
  await keepReach(db, sql`recipient_id in (${sql.join(recipientIds)})`, 'erasure', true);
}

/** The anonymous day totals of a workspace from `sinceDay` on (and before `untilDay`, if given). */
export function listReachDays(db: Db, workspaceId: string, sinceDay: number, untilDay?: number) {
  let query = db
    .selectFrom('reachDays')
    .select(['day', 'type', 'audience', 'recipients'])
    .where('workspaceId', '=', workspaceId)
    .where('day', '>=', sinceDay);
  if (untilDay !== undefined) query = query.where('day', '<', untilDay);
  return query.execute();
}

/**
 * The recipients whose events that are gone reached into the window from `sinceDay` on, as
 * rows shaped like the events' (recipient, type, audience): a window's distinct count takes
 * them with the events still there.
 */
export function reachLastDaysSince(workspaceId: string, sinceDay: number, untilDay?: number) {
  const before = untilDay === undefined ? sql`` : sql`and day < ${untilDay}`;
  return sql`select recipient_id, type, audience from reach_last_days
    where workspace_id = ${workspaceId} and day >= ${sinceDay} ${before}`;
}
