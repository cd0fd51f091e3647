import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';
import { type ExportedEvent, workspaceEvents } from '../../store/index.js';
import { CsvFile } from '../opt-outs/schema.js';
import { principalOf } from '../plugins/auth.js';
import { dayStartMs, instantMs } from '../plugins/formats.js';
import { CSV_BOM, csvRow } from '../presenters/csv.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { EventsCsvQuery } from './schema.js';

const HEADER = csvRow([
  'id',
  'at',
  'type',
  'classification',
  'reason',
  'inferred',
  'method',
  'message_id',
  'subject',
  'recipient',
  'link',
  'attachment',
  'ip',
  'user_agent',
]);

function eventRow(event: ExportedEvent): string {
  return csvRow([
    event.id,
    new Date(event.at).toISOString(),
    event.type,
    event.classification,
    event.reason,
    event.inferred === 1,
    event.method,
    event.messageId,
    event.subject,
    event.recipientEmail,
    event.linkUrl,
    event.attachmentFilename,
    event.ip,
    event.userAgent,
  ]);
}

/**
 * A `from`/`to` bound as epoch ms: a day (its start in UTC) or an RFC 3339 instant with its
 * offset, read by the app's one date reader (`src/api/plugins/formats.ts`), exactly as given:
 * no white space around it, no hour 24, no leap second, no day the calendar lacks. Raises
 * MB_ERR_VALIDATION (400) for anything else.
 */
export function parseBound(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = dayStartMs(raw) ?? instantMs(raw);
  if (ms === undefined) {
    fail(
      'MB_ERR_VALIDATION',
      `querystring/${name} must be a day (2026-11-30) or an RFC 3339 instant (2026-11-30T09:00:00Z), not ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

/** The workspace's events as CSV (admins): DESIGN.md, "Privacy (admins)". */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  exportEvents(typed(app));
}

function exportEvents(api: Api): void {
  api.get(
    '/api/v1/events.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'The workspace’s tracking events as CSV, oldest first (admins)',
        querystring: EventsCsvQuery,
        produces: ['text/csv'],
        response: responses({ 200: CsvFile }),
      },
    },
    async (request, reply) => {
      const from = parseBound('from', request.query.from);
      const to = parseBound('to', request.query.to);
      if (from !== undefined && to !== undefined && from > to) {
        fail('MB_ERR_VALIDATION', '`from` must not be after `to`');
      }
      const workspaceId = principalOf(request).user.workspaceId;
      const pages = workspaceEvents(api.store.db, workspaceId, { from, to });
      // Streamed page by page: a year of events is never held whole in memory.
      async function* csv() {
        yield CSV_BOM + HEADER;
        for await (const page of pages) yield page.map(eventRow).join('');
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="events.csv"')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(csv()));
    },
  );
}
