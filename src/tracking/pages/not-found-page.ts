import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import { renderLayout } from './layout.js';
import type { RenderedPage } from './types.js';

export interface NotFoundPageInput {
  language: Language;
  nonce: string;
}

/**
 * For an unknown, damaged or forged link. It says nothing about why: the same calm page for a
 * typo and for someone guessing tokens.
 */
export function renderNotFoundPage(input: NotFoundPageInput): RenderedPage {
  const words = wording(input.language).pages;
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.notFoundTitle,
    main: [
      `<h1>${escapeHtml(words.notFoundHeading)}</h1>`,
      `<p>${escapeHtml(words.notFoundBody)}</p>`,
    ].join('\n'),
  });
}
