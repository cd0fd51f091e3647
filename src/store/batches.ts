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
