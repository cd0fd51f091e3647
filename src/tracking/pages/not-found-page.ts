import { escapeHtml } from '../../html/index.js';
import { renderLayout } from './layout.js';
import type { PageLanguage, RenderedPage } from './types.js';
import { PAGE_WORDING } from './wording.js';

export interface NotFoundPageInput {
  language: PageLanguage;
  nonce: string;
}

/**
 * For an unknown, damaged or forged link. It says nothing about why: the same calm page for a
 * typo and for someone guessing tokens.
 */
export function renderNotFoundPage(input: NotFoundPageInput): RenderedPage {
  const words = PAGE_WORDING[input.language];
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
