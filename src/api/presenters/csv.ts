/**
 * CSV as spreadsheets read it (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled), made safe against formula
 * injection: a field starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
 * with `'`, so Excel, LibreOffice and Google Sheets show it as text instead of running it
 * (OWASP, "CSV Injection"). Every CSV export goes through here.
 */

/** Where a spreadsheet would start reading a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Excel reads a UTF-8 file as such only when it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

/** One field, neutralised and quoted as needed. `null` is an empty field. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
