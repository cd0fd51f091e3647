import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import { bdi, quotedSubject } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { RenderedPage } from './types.js';

export interface AggregatePageInput {
  language: Language;
  nonce: string;
  /** The organisation that sent it. */
  workspaceName: string;
  subject: string;
}

/**
 * The page behind the foot line of a message sent under the `aggregate` policy: what its shared
 * pixel counts (the total opens), and that nothing about the reader is kept. It names no one,
 * so it has no button: there is nothing per person to stop.
 */
export function renderAggregatePage(input: AggregatePageInput): RenderedPage {
  const words = wording(input.language).aggregate;
  const subject = quotedSubject(input.subject, wording(input.language).pages);
  const main = [
    `<h1>${escapeHtml(words.pageHeading)}</h1>`,
    `<p>${words.counts(subject, bdi(input.workspaceName))}</p>`,
    `<p>${escapeHtml(words.nothingAboutYou)}</p>`,
    `<p>${escapeHtml(words.why)}</p>`,
    `<p class="muted">${escapeHtml(words.avoid)}</p>`,
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.pageTitle,
    header: organisationHeader(input.workspaceName),
    main,
  });
}
