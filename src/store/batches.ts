/** Rows one statement of a retention purge deletes at most: each batch is a short transaction. */
export const DELETE_BATCH = 5_000;

/**
 * Deletes rows a batch at a time until none is left: `next` finds the ids of up to `limit` rows
 * to go (along an index), `remove` deletes those ids. Each statement commits on its own, so no
 * lock is held between batches and the service's writes go on meanwhile. Returns how many went.
 */
export async function deleteInBatches(
  next: (limit: number) => Promise<readonly { id: string }[]>,
  remove: (ids: string[]) => Promise<{ numDeletedRows: bigint }>,
  limit = DELETE_BATCH,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await next(limit);
    if (rows.length === 0) return deleted;
    deleted += await countInChunks(
      rows.map((row) => row.id),
      remove,
    );
    if (rows.length < limit) return deleted;
  }
}

/** Values per statement when a list of ids goes into `in (…)`: under both engines' limits. */
const CHUNK = 500;

/**
 * Runs `statement` on `values` a chunk at a time (an `in (…)` list stays under both engines'
 * bound-parameter limits) and adds up the rows each deleted or updated.
 */
export async function countInChunks<T>(
  values: readonly T[],
  statement: (chunk: T[]) => Promise<{ numDeletedRows: bigint } | { numUpdatedRows: bigint }>,
): Promise<number> {
  let rows = 0;
  for (let i = 0; i < values.length; i += CHUNK) {
    const result = await statement(values.slice(i, i + CHUNK));
    rows += Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
  }
  return rows;
}

/**
 * Rows one multi-row INSERT carries at most. The bound parameters are rows × columns: SQLite
 * takes 32,766 per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32), PostgreSQL 65,535 (the
 * protocol's 16-bit count); 200 rows stay under both for tables of up to 160 columns.
 */
export const INSERT_ROWS = 200;

/** Runs `insert` on `rows` INSERT_ROWS at a time (each call one statement). */
export async function insertInChunks<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) await insert(rows.slice(i, i + INSERT_ROWS));
}

/**
 * Runs `select` on `values` a chunk at a time (an `in (…)` list under both engines' limits) and
 * returns every row found, chunk after chunk: a caller that needs an order sorts again.
 */
export async function selectInChunks<T, R>(
  values: readonly T[],
  select: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK)
    rows.push(...(await select(values.slice(i, i + CHUNK))));
  return rows;
}
