import { type Handler, Parser } from 'htmlparser2';
import { decodeAttributeValue } from './decode-attribute.js';
import { findAttributeValue } from './tag-attributes.js';

/** An `href` that may be rewritten. */
export interface HrefSite {
  /** Offsets of the raw value in the document, quotes excluded. */
  start: number;
  end: number;
  /** `''` when unquoted. */
  quote: '"' | "'" | '';
  /** The value as the browser reads it (entities decoded). */
  value: string;
}

export interface HtmlScan {
  /** In document order, those inside Outlook conditional comments included. */
  hrefs: HrefSite[];
  /** The decoded href of the document's first `<base href>`. */
  baseHref: string | undefined;
  /** Where inserted blocks go: before the last `</body>`, else the last `</html>`, else the end. */
  insertAt: number;
  /**
   * Where the content starts, for blocks that must come first: right after the first real
   * `<body …>` tag, else after the first `</head>`, else after the `<html …>` tag, else after a
   * leading `<!DOCTYPE …>`, else 0. "Real" as for insertAt: not text, a comment (conditional
   * ones included) or raw text such as `<title>`.
   */
  topAt: number;
}

// The elements whose content the tokenizer keeps as text: an end tag the document never gets to
// would leave anything appended at the end inside them.
const RAW_TEXT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

const CONDITIONAL_COMMENT = /^\s*\[if\s[^\]]*\]>/i;

function isLinkElement(name: string): boolean {
  // VML shapes (`v:roundrect`, `v:rect`, …) carry Outlook's bulletproof buttons.
  return name === 'a' || name === 'area' || name.startsWith('v:');
}

interface EndTag {
  start: number;
  name: 'body' | 'html';
  covered: boolean;
}

/** Every `</body` and `</html` of the source, in order; the parse decides which are real. */
function endTagCandidates(html: string): EndTag[] {
  const candidates: EndTag[] = [];
  for (const match of html.matchAll(/<\/(body|html)(?=[\t\n\f\r />])/gi)) {
    const name = match[1]!.toLowerCase() as 'body' | 'html';
    candidates.push({ start: match.index, name, covered: false });
  }
  return candidates;
}

/**
 * Where the document's content ends, for appending: before any markup left unfinished at the end
 * of the input, which an insertion would land inside. The parser reports nothing past such
 * markup (`…</bo`), or reports it as text (`…<p`), which a browser drops.
 */
function endOfContent(html: string, unfinishedAt: number, reachedEnd: number): number {
  const end = Math.min(unfinishedAt, reachedEnd);
  const afterLastClose = html.lastIndexOf('>', end - 1) + 1;
  const unfinishedTag = /<[a-zA-Z/!?]/.exec(html.slice(afterLastClose, end));
  return unfinishedTag === null ? end : afterLastClose + unfinishedTag.index;
}

/** The index of the first candidate at or after `position` (candidates are in source order). */
function firstFrom(candidates: readonly EndTag[], position: number): number {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (candidates[middle]!.start < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Collects the href sites of one stretch of the document. `offset` is where `source` sits in the
 * whole document, so that nested stretches (conditional comments) report document offsets.
 */
function collectHrefs(
  source: string,
  offset: number,
  hrefs: HrefSite[],
  handler: Partial<Handler> = {},
  onTag?: (name: string, start: number, end: number) => void,
): void {
  const parser: Parser = new Parser({
    ...handler,
    onopentag(name, attributes, isImplied) {
      const start = parser.startIndex;
      const end = parser.endIndex;
      // Implied tags (`</p>` alone makes a `<p>`) have no source of their own.
      if (isImplied || source[start] !== '<' || source[end] !== '>') return;
      onTag?.(name, start, end);
      const value = attributes.href;
      if (value === undefined || !isLinkElement(name)) return;
      const tag = source.slice(start, end + 1);
      const span = findAttributeValue(tag, 'href');
      if (span === undefined) return;
      const raw = tag.slice(span.start, span.end);
      // Only rewrite where the parser read exactly this value: if the two ever disagree, leaving
      // the link alone is better than writing over the wrong bytes.
      if (decodeAttributeValue(raw, span.quote) !== value) return;
      hrefs.push({
        start: offset + start + span.start,
        end: offset + start + span.end,
        quote: span.quote,
        value,
      });
    },
  });
  parser.end(source);
}

/** Finds the links and the insertion point of a document without changing a byte of it. */
export function scanHtml(html: string): HtmlScan {
  const scan = new DocumentScan(html);
  collectHrefs(html, 0, scan.hrefs, scan.handler(), (name, start, end) =>
    scan.onTag(name, start, end),
  );
  return scan.result();
}

/**
 * What the parse of a whole document tells, as it goes: which `</body` and `</html` are real end
 * tags (not text, a comment or inside a tag), the first `<base href>`, how far the parser read,
 * and where markup left unfinished at the end of the input starts.
 */
class DocumentScan {
  readonly hrefs: HrefSite[] = [];
  readonly #html: string;
  readonly #endTags: EndTag[];
  #baseHref: string | undefined;
  #reachedEnd = 0;
  #unfinishedAt: number;
  #pendingTag: number | undefined;
  #rawText: { name: string; start: number } | undefined;
  #parser: Parser | undefined;
  /** Just past the first real `<body …>`, `</head>`, `<html …>` and `<!DOCTYPE …>`. */
  readonly #starts: { body?: number; head?: number; html?: number; doctype?: number } = {};

  constructor(html: string) {
    this.#html = html;
    this.#endTags = endTagCandidates(html);
    this.#unfinishedAt = html.length;
  }

  /** The parser's callbacks, beside the href collection's own. */
  handler(): Partial<Handler> {
    return {
      onparserinit: (instance) => {
        this.#parser = instance;
      },
      onopentagname: () => {
        this.#pendingTag = this.#parser!.startIndex;
      },
      onclosetag: (name, isImplied) => this.#closeTag(name, isImplied),
      ontext: () => this.#cover(this.#parser!.startIndex, this.#parser!.endIndex),
      onprocessinginstruction: (name) => {
        const parser = this.#parser!;
        this.#cover(parser.startIndex, parser.endIndex);
        if (name.toLowerCase() === '!doctype') this.#starts.doctype ??= parser.endIndex + 1;
      },
      oncomment: (data) => this.#comment(data),
    };
  }

  /** A whole opening tag, from `<` to `>`. */
  onTag(name: string, start: number, end: number): void {
    const html = this.#html;
    this.#pendingTag = undefined;
    this.#cover(start, end);
    if (RAW_TEXT.has(name)) this.#rawText = { name, start };
    if (name === 'body') this.#starts.body ??= end + 1;
    if (name === 'html') this.#starts.html ??= end + 1;
    if (name === 'base' && this.#baseHref === undefined) {
      const span = findAttributeValue(html.slice(start, end + 1), 'href');
      if (span !== undefined) {
        const raw = html.slice(start + span.start, start + span.end);
        this.#baseHref = decodeAttributeValue(raw, span.quote);
      }
    }
  }

  /** The links, in document order; the base; where inserted blocks go. */
  result(): HtmlScan {
    const html = this.#html;
    // A tag still open at the end of the input swallows whatever follows it.
    if (this.#pendingTag !== undefined) {
      this.#cover(this.#pendingTag, html.length);
      this.#unfinishedAt = Math.min(this.#unfinishedAt, this.#pendingTag);
    }
    const real = this.#endTags.filter((candidate) => !candidate.covered);
    const lastBody = real.findLast((candidate) => candidate.name === 'body');
    const lastHtml = real.findLast((candidate) => candidate.name === 'html');
    const insertAt =
      lastBody?.start ??
      lastHtml?.start ??
      endOfContent(html, this.#unfinishedAt, this.#reachedEnd);
    const starts = this.#starts;
    return {
      hrefs: this.hrefs.sort((a, b) => a.start - b.start),
      baseHref: this.#baseHref,
      insertAt,
      topAt: starts.body ?? starts.head ?? starts.html ?? starts.doctype ?? 0,
    };
  }

  /** Marks a stretch the parser read as something else than an end tag: text, a comment, a tag. */
  #cover(start: number, end: number): void {
    const endTags = this.#endTags;
    this.#reachedEnd = Math.max(this.#reachedEnd, end + 1);
    for (let index = firstFrom(endTags, start); index < endTags.length; index++) {
      const candidate = endTags[index]!;
      if (candidate.start > end) break;
      candidate.covered = true;
    }
  }

  #closeTag(name: string, isImplied: boolean): void {
    if (!isImplied) this.#reachedEnd = Math.max(this.#reachedEnd, this.#parser!.endIndex + 1);
    if (name === 'head' && !isImplied) this.#starts.head ??= this.#parser!.endIndex + 1;
    if (this.#rawText?.name !== name) return;
    // A raw-text element only closes by implication at the end of the input.
    if (isImplied) this.#unfinishedAt = Math.min(this.#unfinishedAt, this.#rawText.start);
    this.#rawText = undefined;
  }

  /** A comment (or a `<!…>`, `<?…>` the parser reads as one); Outlook's conditional ones hold links. */
  #comment(data: string): void {
    const html = this.#html;
    const start = this.#parser!.startIndex;
    const end = this.#parser!.endIndex;
    this.#cover(start, end);
    const source = html.slice(start, end + 1);
    const isComment = source.startsWith('<!--');
    // At the end of the input the parser reports the end index one way or the other.
    if (end + 1 >= html.length) {
      const closed = isComment ? /--!?>$/.test(source) : source.endsWith('>');
      if (!closed) this.#unfinishedAt = Math.min(this.#unfinishedAt, start);
    }
    if (isComment && CONDITIONAL_COMMENT.test(data) && html.startsWith(data, start + 4)) {
      collectHrefs(data, start + 4, this.hrefs);
    }
  }
}
