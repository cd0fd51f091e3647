import type { OptOutLogRow } from '../../store/index.js';
import { iso } from './accounts.js';
import { csvRow } from './csv.js';

/** One row of the opt-out proof log as the API shows it: a whitelist of its fields. */
export function presentOptOut(row: OptOutLogRow) {
  return {
    id: row.id,
    action: row.action,
    email: row.email,
    at: iso(row.at),
    messageId: row.messageId,
    recipientId: row.recipientId,
    language: row.language,
    wordingVersion: row.wordingVersion,
    pageText: row.pageText,
  };
}

/** The CSV export's columns, in order: the JSON view's fields. */
const CSV_COLUMNS = [
  'id',
  'action',
  'email',
  'at',
  'messageId',
  'recipientId',
  'language',
  'wordingVersion',
  'pageText',
] as const satisfies readonly (keyof ReturnType<typeof presentOptOut>)[];

export const OPT_OUT_CSV_HEADER = csvRow(CSV_COLUMNS);

/** One row of the log as a CSV record (formula-safe, see csv.ts). */
export function optOutCsvRow(row: OptOutLogRow): string {
  const view = presentOptOut(row);
  return csvRow(CSV_COLUMNS.map((column) => view[column]));
}
