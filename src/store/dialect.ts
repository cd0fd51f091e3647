import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: any schema; only the compiler is asked.
type AnyKysely = Kysely<any>;

const PROBE = sql`${0}`;

/**
 * Whether `db` (a Kysely instance or transaction) speaks PostgreSQL: its compiler numbers
 * parameters (`$1`) where SQLite's writes `?`. For the few statements whose best form differs
 * between the engines (arrays through `unnest` on PostgreSQL); compiling the probe costs a few µs.
 */
export function usesPostgres(db: AnyKysely): boolean {
  return PROBE.compile(db).sql === '$1';
}
