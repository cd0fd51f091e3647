import { sql } from 'kysely';

/** A day in ms: what the store counts days in (UTC days since the epoch, message lifetimes). */
export const DAY_MS = 86_400_000;

/**
 * The UTC day (days since the epoch) of an epoch-ms column. Integer division gives it on both
 * engines (epoch-ms integers on each). A literal, not a parameter: a bound number may arrive as
 * a float on SQLite, and the division would not floor.
 */
export const dayOf = (column: 'sentAt' | 'at') =>
  sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
