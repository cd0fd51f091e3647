// The dev inbox's own pages. Every value taken from a mail goes through escapeHtml: mail is
// hostile input, and these pages live on the app's origin, next to its session cookie. Their
// words are the catalogue's `devInbox` area, in the reader's language.

import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';

/**
 * The pages' own policy: nothing from elsewhere, inline style and script only with this
 * response's nonce, frames only our own (the mail body route).
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Times as they appear before the page's script shows them in the reader's own zone. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `<time>` that the list page's script rewrites into the reader's locale and zone. */
export function timeElement(date: Date): string {
  return `<time datetime="${date.toISOString()}">${formatTime(date)}</time>`;
}

/** What every page is rendered with: the response's CSP nonce and the reader's language. */
export interface PageContext {
  readonly nonce: string;
  readonly language: Language;
}

export interface PageParts {
  /** What the page shows, plain text, before the inbox's name; none: the inbox itself. */
  readonly title?: string;
  /** Already escaped markup for `<main>`. */
  readonly main: string;
  /** Extra markup for `<head>` (already escaped). */
  readonly head?: string;
  /** Source of an inline script, run with the page's nonce. */
  readonly script?: string;
}

export function renderPage(context: PageContext, parts: PageParts): string {
  const { nonce, language } = context;
  const words = wording(language).devInbox;
  const title = parts.title === undefined ? words.title : words.pageTitle(parts.title);
  const script = parts.script ? `<script nonce="${nonce}">${parts.script}</script>` : '';
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
${parts.head ?? ''}<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${parts.main}
</main>
${script}
</body>
</html>
`;
}

/** The way back to the list, first in every page's navigation. */
export function inboxLink(language: Language): string {
  return `<a href="/dev/inbox">${escapeHtml(wording(language).devInbox.backToInbox)}</a>`;
}

export function renderNotFoundPage(context: PageContext): string {
  const words = wording(context.language).devInbox;
  return renderPage(context, {
    title: words.notFoundTitle,
    main: `<nav>${inboxLink(context.language)}</nav>
<h1>${escapeHtml(words.notFoundHeading)}</h1>
<p class="muted">${escapeHtml(words.notFoundBody)}</p>`,
  });
}

const STYLE = `
:root { color-scheme: light dark; --muted: #666; --line: #ddd; --hover: #f3f5f8; --accent: #2456c7; }
@media (prefers-color-scheme: dark) {
  :root { --muted: #9a9a9a; --line: #3a3a3a; --hover: #23262b; --accent: #7ea6ff; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.35rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.muted, .status { color: var(--muted); }
.status { font-size: .85rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.mails { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); }
.mails li { border-bottom: 1px solid var(--line); }
.mails a { display: grid; grid-template-columns: 1fr auto; gap: .1rem 1rem; padding: .6rem .5rem;
  color: inherit; text-decoration: none; }
.mails a:hover, .mails a:focus { background: var(--hover); }
.mails .subject { font-weight: 600; overflow-wrap: anywhere; }
.mails .people, .mails .rcpt { grid-column: 1; color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
.mails time { grid-column: 2; grid-row: 1; color: var(--muted); font-size: .85rem; white-space: nowrap; }
@media (max-width: 32rem) {
  .mails a { grid-template-columns: 1fr; }
  .mails time { grid-column: 1; grid-row: auto; }
}
.headers { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: 0; }
.headers dt { color: var(--muted); }
.headers dd { margin: 0; overflow-wrap: anywhere; }
.attachments { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.attachments li { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; }
.attachments .muted { font-size: .85rem; }
.body { display: block; width: 100%; height: 75vh; min-height: 20rem; margin-top: 1rem;
  border: 1px solid var(--line); border-radius: 6px; background: #fff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 1rem 0 0; padding: .75rem;
  border: 1px solid var(--line); border-radius: 6px;
  font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
details { margin-top: 1rem; }
summary { cursor: pointer; color: var(--muted); }
`;
