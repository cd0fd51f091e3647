/// <reference path="./html-to-text.d.ts" />
// (A reference, not the include list: the web app's type check reaches this file through src/api.)
import { randomUUID } from 'node:crypto';
import { type BlockTextBuilder, compile, type DomNode, type FormatCallback } from 'html-to-text';
import { browserUrl, trackableUrl, usableBase } from './link-target.js';
import { containsPlaceholder } from './placeholders.js';
import { scanHtml } from './scan-html.js';

/** Where a trackable link's URL stands in a text made from html (offsets in UTF-16 units). */
export interface TextLinkSite {
  readonly start: number;
  readonly end: number;
  /** The URL as instrument-html.ts tracks it (trackableUrl of the `href`). */
  readonly url: string;
}

/** A text part made from html: the text, each trackable link written as its untracked URL. */
export interface TextFromHtml {
  readonly text: string;
  readonly links: readonly TextLinkSite[];
}

/** What the formatters share during one conversion (html-to-text's metadata). */
interface Conversion {
  readonly base: string | undefined;
  /** Unguessable, so a marker cannot be forged by the mail's own text. */
  readonly nonce: string;
  readonly urls: string[];
}

/** Writes a link's URL as a marker that textFromHtml then replaces, noting the offsets. */
function mark(builder: BlockTextBuilder, url: string): string {
  const conversion = builder.metadata as Conversion;
  conversion.urls.push(url);
  return `\uE000${conversion.nonce}${conversion.urls.length - 1}\uE001`;
}

/** What a reader sees of an element: its text and its images' alt text, spaces collapsed. */
function labelOf(node: DomNode): string {
  const parts: string[] = [];
  const visit = (current: DomNode): void => {
    if (current.type === 'text') parts.push(current.data ?? '');
    else if (current.name === 'img') parts.push(` ${current.attribs?.alt ?? ''} `);
    for (const child of current.children ?? []) visit(child);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A label that is the URL itself, as people write it: with or without scheme and last slash. */
function namesUrl(label: string, url: string): boolean {
  const bare = (value: string) => value.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return bare(label) === bare(url);
}

/**
 * What a reader can use of a link that is not tracked: a `mailto:`'s address, a `tel:` number,
 * a template placeholder (filled in later, as in the html). Anything else (fragments, relative
 * links, `cid:`, `javascript:`) means nothing outside the html: the label alone.
 */
function shownTarget(href: string): string | undefined {
  const value = browserUrl(href);
  if (/^mailto:/i.test(value)) return value.slice('mailto:'.length).split('?')[0] || undefined;
  if (/^tel:/i.test(value) || containsPlaceholder(value)) return value;
  return undefined;
}

/**
 * `label (URL)`: the label as the html shows it, then the URL the html's link leads to. A label
 * that is the URL itself (or empty) is replaced by the URL, so no URL shows twice (and no
 * untracked copy of a tracked one shows at all).
 */
const anchor: FormatCallback = (elem, walk, builder) => {
  const href = elem.attribs?.href;
  if (href === undefined) return walk(elem.children, builder);
  const url = trackableUrl(href, (builder.metadata as Conversion).base);
  const target = url ?? shownTarget(href);
  const label = labelOf(elem);
  if (target !== undefined && (label === '' || namesUrl(label, target))) {
    builder.addInline(url === undefined ? target : mark(builder, url), { noWordTransform: true });
    return;
  }
  walk(elem.children, builder);
  if (target === undefined) return;
  builder.addInline(` (${url === undefined ? target : mark(builder, url)})`, {
    noWordTransform: true,
  });
};

/** An image is its alt text (a pixel or a spacer, `alt=""`, is nothing); never its address. */
const altText: FormatCallback = (elem, _walk, builder) => {
  const alt = elem.attribs?.alt?.replace(/\s+/g, ' ').trim();
  // Spaced: images side by side in the html are separate words in the text.
  if (alt) builder.addInline(` ${alt} `);
};

const BLOCK = { leadingLineBreaks: 1, trailingLineBreaks: 1 };

// Compiled once: html-to-text builds its selector tree here.
const convert = compile({
  // The reader's client wraps lines; a hard wrap would cut long URLs and non-Latin lines.
  wordwrap: false,
  formatters: { anchor, altText },
  selectors: [
    { selector: 'a', format: 'anchor' },
    { selector: 'img', format: 'altText' },
    // Headings as written: upper-casing changes words (ß → SS, a Turkish dotted i) and shouts.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
    // Mail lays out with tables: each cell its own line reads in order; columns would not.
    ...['tr', 'td', 'th'].map((selector) => ({ selector, format: 'block', options: BLOCK })),
    ...['head', 'style', 'script', 'title'].map((selector) => ({ selector, format: 'skip' })),
    // What no reader of the html sees: a preheader hidden for the inbox list (with its filler of
    // zero-width characters), Outlook-only blocks.
    ...[
      '[hidden]',
      '[style*="display:none"]',
      '[style*="display: none"]',
      '[style*="mso-hide:all"]',
      '[style*="mso-hide: all"]',
    ].map((selector) => ({ selector, format: 'skip' })),
  ],
});

/** The text with each marker replaced by its URL, and where each URL now stands. */
function resolveMarkers(marked: string, conversion: Conversion): TextFromHtml {
  const links: TextLinkSite[] = [];
  const pattern = new RegExp(`\uE000${conversion.nonce}(\\d+)\uE001`, 'g');
  let text = '';
  let position = 0;
  for (const match of marked.matchAll(pattern)) {
    const url = conversion.urls[Number(match[1])]!;
    text += marked.slice(position, match.index);
    links.push({ start: text.length, end: text.length + url.length, url });
    text += url;
    position = match.index + match[0].length;
  }
  return { text: text + marked.slice(position), links };
}

/** The last conversion: a message's copies share one html, converted once. */
let last: { html: string; result: TextFromHtml } | undefined;

/**
 * A text part made from an html part with html-to-text: paragraphs, headings (as written),
 * `<br>`, nested lists (` * `, ` 1. `), tables a cell a line, images as their alt text, and each
 * link as `label (URL)` (the URL alone when the label is the URL), with `\n` line endings and no
 * hard wrap. The URLs of links instrument-html.ts tracks (same trackableUrl, same `<base href>`)
 * are listed in `links`, for the caller to put each copy's tracking URL in their place; a
 * `mailto:` shows its address, a `tel:` or template placeholder its target, other links their
 * label only. `<head>`, `<style>`, `<script>` and comments (so Outlook's conditional VML) give
 * nothing. Pure; the result is shared, do not change it.
 */
export function textFromHtml(html: string): TextFromHtml {
  if (last?.html !== html) {
    const conversion: Conversion = {
      base: usableBase(scanHtml(html).baseHref),
      nonce: randomUUID().replaceAll('-', ''),
      urls: [],
    };
    // Trimmed: an empty last block (a paragraph of spacer images) leaves blank lines.
    // At most one blank line between blocks: empty blocks (a spacer, a skipped one) add more.
    const marked = convert(html, conversion)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    last = { html, result: resolveMarkers(marked, conversion) };
  }
  return last.result;
}
