import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type ExportedEvent, workspaceEvents } from '../../store/index.js';
import { CsvFile } from '../opt-outs/schema.js';
import { principalOf } from '../plugins/auth.js';
import { parseRange } from '../plugins/date-range.js';
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
      const { from, to } = parseRange(request.query);
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
