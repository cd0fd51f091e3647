import type { Selectable } from 'kysely';
import type { Db } from './database.js';

/** Values shared by every node of one installation (the generated secret on PostgreSQL). */
export interface InstanceSettingTable {
  key: string;
  value: string;
  updatedAt: number;
}
export type InstanceSettingRow = Selectable<InstanceSettingTable>;

/** Stores `value` under `key` unless a value is there already; true when this call stored it. */
export async function insertInstanceSettingOnce(
  db: Db,
  key: string,
  value: string,
): Promise<boolean> {
  const result = await db
    .insertInto('instanceSettings')
    .values({ key, value, updatedAt: Date.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Stores `value` under `key` unless a value is there already, and returns the stored one: when
 * two nodes start at once, both end up with the value of whichever wrote first.
 */
export async function putInstanceSettingOnce(db: Db, key: string, value: string): Promise<string> {
  await insertInstanceSettingOnce(db, key, value);
  const row = await db
    .selectFrom('instanceSettings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
