import type { FastifyInstance } from 'fastify';
import { allOptOutProofs, optOutProofs } from '../../workspace/index.js';
import { principalOf } from '../plugins/auth.js';
import { CSV_BOM } from '../presenters/csv.js';
import { OPT_OUT_CSV_HEADER, optOutCsvRow, presentOptOut } from '../presenters/opt-outs.js';
import { nextCursor, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { CsvFile, OptOutPage, OptOutQuery } from './schema.js';

/**
 * The opt-out proof log, for admins: every recipient's "stop tracking me" and "track me again",
 * with who, when, from which copy and what the page said. JSON page by page, or all as CSV.
 */
export async function optOutRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  listOptOuts(api);
  exportOptOuts(api);
}

function listOptOuts(api: Api): void {
  api.get(
    '/api/v1/opt-outs',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'The opt-out proof log, oldest first (admins)',
        querystring: OptOutQuery,
        response: responses({ 200: OptOutPage }),
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const rows = await optOutProofs(api.store.db, principalOf(request).user.workspaceId, {
        after: request.query.cursor,
        limit,
      });
      return { optOuts: rows.map(presentOptOut), cursor: nextCursor(rows, limit) };
    },
  );
}

function exportOptOuts(api: Api): void {
  api.get(
    '/api/v1/opt-outs.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'The whole opt-out proof log as CSV, oldest first (admins)',
        produces: ['text/csv'],
        response: responses({ 200: CsvFile }),
      },
    },
    async (request, reply) => {
      let csv = CSV_BOM + OPT_OUT_CSV_HEADER;
      for await (const row of allOptOutProofs(api.store.db, principalOf(request).user.workspaceId))
        csv += optOutCsvRow(row);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="opt-outs.csv"')
        .header('x-content-type-options', 'nosniff')
        .send(csv);
    },
  );
}
