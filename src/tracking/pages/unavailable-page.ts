import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import { renderLayout } from './layout.js';
import type { RenderedPage } from './types.js';

export interface UnavailablePageInput {
  language: Language;
  nonce: string;
}

/** For a 503 (the service cannot answer right now): nothing is wrong with the link, try again. */
export function renderUnavailablePage(input: UnavailablePageInput): RenderedPage {
  const words = wording(input.language).pages;
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
