import { sql } from 'kysely';
import { DAY_MS } from '../time-units.js';

/**
 * The UTC day (days since the epoch) of an epoch-ms column. Integer division gives it on both
 * engines (epoch-ms integers on each). A literal, not a parameter: a bound number may arrive as
 * a float on SQLite, and the division would not floor.
 */
export const dayOf = (column: 'sentAt' | 'at') =>
  sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
