import { checkNonce, escapeHtml } from '../../html/index.js';
import type { Language } from '../../i18n/index.js';
import { pageCsp } from './csp.js';
import { STYLE } from './style.js';
import type { Html, RenderedPage } from './types.js';

export interface PageParts {
  language: Language;
  nonce: string;
  /** Plain text; escaped here. */
  title: string;
  /** Markup above the main card: who the page is from. */
  header?: Html;
  main: Html;
  footer?: Html;
}

/**
 * The frame of every recipient page. `noindex` because each URL is one person's; the referrer
 * stays on our origin so the token in the URL never leaves with a click, while same-origin
 * form posts still carry it; the empty `data:` icon spares a favicon request.
 */
export function renderLayout(parts: PageParts): RenderedPage {
  const nonce = escapeHtml(checkNonce(parts.nonce));
  const header = parts.header ? `<header>\n${parts.header}\n</header>\n` : '';
  const footer = parts.footer ? `<footer>\n${parts.footer}\n</footer>\n` : '';
  const html = `<!doctype html>
<html lang="${escapeHtml(parts.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(parts.title)}</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div class="page">
${header}<main>
${parts.main}
</main>
${footer}</div>
</body>
</html>
`;
  return { html, csp: pageCsp(parts.nonce) };
}
