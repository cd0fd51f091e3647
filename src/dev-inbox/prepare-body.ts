import { Parser } from 'htmlparser2';
import { escapeHtml } from '../html/index.js';

/** What opens every link of a mail in a new tab, as mail clients do. */
export const BASE_TARGET = '<base target="_blank">';

// Where HTML takes a URL a mail may point at one of its parts with (`alt="cid:…"` is text).
const URL_ATTRIBUTES = new Set(['src', 'background', 'href', 'poster', 'data']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The HTML body of a mail, ready for the dev inbox's sandboxed frame: `<base target="_blank">`
 * goes at the start of the head (the first base with a target wins, so the mail's own cannot
 * override it), and every URL attribute (`src`, `background`, `href`, …) holding a `cid:` URL
 * gets `partUrl(cid)` instead, since a browser cannot resolve `cid:` itself. Nothing else
 * changes: the text between the edits is the mail's own, byte for byte (the newcomer is meant
 * to see what the recipient sees).
 *
 * `cid:` references inside CSS (`url(cid:…)`) are left alone.
 */
export function prepareBody(html: string, partUrl: (cid: string) => string): string {
  const edits: Edit[] = [];
  let afterHead: number | undefined;
  let afterHtml: number | undefined;
  let afterDoctype: number | undefined;

  const parser: Parser = new Parser({
    onprocessinginstruction(name) {
      if (name.toLowerCase() === '!doctype') afterDoctype ??= parser.endIndex + 1;
    },
    onopentag(name, _attributes, isImplied) {
      // Implied tags have no source of their own to insert after.
      if (isImplied || html[parser.endIndex] !== '>') return;
      if (name === 'head') afterHead ??= parser.endIndex + 1;
      if (name === 'html') afterHtml ??= parser.endIndex + 1;
    },
    onattribute(name, value, quote) {
      if (!URL_ATTRIBUTES.has(name)) return;
      const match = /^\s*cid:(.*?)\s*$/is.exec(value);
      if (!match || quote === undefined) return;
      const span = valueSpan(html, parser.startIndex, parser.endIndex, quote);
      const url = escapeHtml(partUrl(match[1]!));
      edits.push({ ...span, text: quote === null ? `"${url}"` : url });
    },
  });
  parser.end(html);

  const leadingBom = html.startsWith('\uFEFF') ? 1 : 0;
  const at = afterHead ?? afterHtml ?? afterDoctype ?? leadingBom;
  edits.push({ start: at, end: at, text: BASE_TARGET });
  return applyEdits(html, edits);
}

/**
 * Where the value of the attribute spanning `start` (its name) to `end` (past its closing quote,
 * or past an unquoted value) lies, following the tokenizer: the name runs to a space, `/`, `>`
 * or `=` (a leading `=` belongs to it), then come spaces, `=`, spaces and the value.
 */
const SPACE = /[\t\n\f\r ]/;

function valueSpan(
  html: string,
  start: number,
  end: number,
  quote: string | null,
): { start: number; end: number } {
  let index = start + 1;
  while (index < end && !/[\t\n\f\r />=]/.test(html[index]!)) index++;
  while (index < end && SPACE.test(html[index]!)) index++;
  index++; // the '='
  while (index < end && SPACE.test(html[index]!)) index++;
  return quote === null ? { start: index, end } : { start: index + 1, end: end - 1 };
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let position = 0;
  for (const edit of sorted) {
    pieces.push(source.slice(position, edit.start), edit.text);
    position = edit.end;
  }
  pieces.push(source.slice(position));
  return pieces.join('');
}
