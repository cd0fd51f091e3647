import { type Db, listOptOutLog, type OptOutLogRow } from '../store/index.js';

/**
 * One page of the workspace's opt-out proof log, oldest first: `limit` rows after the row id
 * `after` (the cursor of the page before). The log is written by the recipients' privacy page
 * (`src/tracking/opt-out.ts`); admins only read it, to prove each choice.
 */
export function optOutProofs(
  db: Db,
  workspaceId: string,
  page: { after?: string; limit: number },
): Promise<OptOutLogRow[]> {
  return listOptOutLog(db, workspaceId, page);
}

/**
 * The whole log of the workspace, oldest first, read `pageSize` rows at a time (the log only
 * grows; an export never holds one statement's worth of it all at once).
 */
export async function* allOptOutProofs(
  db: Db,
  workspaceId: string,
  pageSize = 1000,
): AsyncGenerator<OptOutLogRow> {
  let after: string | undefined;
  for (;;) {
    const rows = await listOptOutLog(db, workspaceId, { after, limit: pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.id;
  }
}
