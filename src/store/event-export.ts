import type { Db } from './database.js';
import type { EventRow } from './events.js';

/** One event as the CSV export lists it: the event with what it refers to, by name. */
export type ExportedEvent = Pick<
  EventRow,
  | 'id'
  | 'at'
  | 'type'
  | 'classification'
  | 'reason'
  | 'inferred'
  | 'method'
  | 'messageId'
  | 'ip'
  | 'userAgent'
> & {
  readonly subject: string | null;
  readonly recipientEmail: string | null;
  readonly linkUrl: string | null;
  readonly attachmentFilename: string | null;
};

export interface EventRange {
  /** From this instant on, epoch ms (inclusive). */
  readonly from?: number;
  /** Before this instant, epoch ms (exclusive). */
  readonly to?: number;
}

/** Events per query of the export: a page is held in memory, never the whole range. */
export const EXPORT_PAGE = 1_000;

/**
 * A workspace's events within `range`, oldest first, page by page (EXPORT_PAGE rows each, keyed
 * on `(at, id)` so each page is one index range scan of `events(workspace_id, at)`), each with
 * its message's subject, its recipient's address, its link's URL and its file's name.
 */
export async function* workspaceEvents(
  db: Db,
  workspaceId: string,
  range: EventRange,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<ExportedEvent[]> {
  let last: { at: number; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('events as e')
      .leftJoin('messages as m', 'm.id', 'e.messageId')
      .leftJoin('recipients as r', 'r.id', 'e.recipientId')
      .leftJoin('messageLinks as l', (join) =>
        join.onRef('l.messageId', '=', 'e.messageId').onRef('l.idx', '=', 'e.linkIdx'),
      )
      .leftJoin('attachments as a', 'a.id', 'e.attachmentId')
      .select([
        'e.id',
        'e.at',
        'e.type',
        'e.classification',
        'e.reason',
        'e.inferred',
        'e.method',
        'e.messageId',
        'e.ip',
        'e.userAgent',
        'm.subject',
        'r.email as recipientEmail',
        'l.url as linkUrl',
        'a.filename as attachmentFilename',
      ])
      .where('e.workspaceId', '=', workspaceId);
    if (range.from !== undefined) query = query.where('e.at', '>=', range.from);
    if (range.to !== undefined) query = query.where('e.at', '<', range.to);
    if (last) {
      const after = last;
      query = query.where((eb) =>
        eb.or([
          eb('e.at', '>', after.at),
          eb.and([eb('e.at', '=', after.at), eb('e.id', '>', after.id)]),
        ]),
      );
    }
    const page = await query.orderBy('e.at').orderBy('e.id').limit(pageSize).execute();
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const end = page[page.length - 1]!;
    last = { at: end.at, id: end.id };
  }
}
