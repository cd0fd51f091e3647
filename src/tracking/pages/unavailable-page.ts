import { escapeHtml } from '../../html/index.js';
import { renderLayout } from './layout.js';
import type { PageLanguage, RenderedPage } from './types.js';
import { PAGE_WORDING } from './wording.js';

export interface UnavailablePageInput {
  language: PageLanguage;
  nonce: string;
}

/** For a 503 (the service cannot answer right now): nothing is wrong with the link, try again. */
export function renderUnavailablePage(input: UnavailablePageInput): RenderedPage {
  const words = PAGE_WORDING[input.language];
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.unavailableTitle,
    main: [
      `<h1>${escapeHtml(words.unavailableHeading)}</h1>`,
      `<p>${escapeHtml(words.unavailableBody)}</p>`,
    ].join('\n'),
  });
}
