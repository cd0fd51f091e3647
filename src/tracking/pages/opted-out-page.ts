import { escapeHtml } from '../../html/index.js';
import { formatDateTime, type Language, wording } from '../../i18n/index.js';
import { timeElement } from './format-time.js';
import { bdi, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { PageSender, RenderedPage } from './types.js';

export interface OptedOutPageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  workspaceName: string;
  /** When the opt-out was recorded. */
  at: Date;
  /** IANA zone the time is written in; UTC by default. */
  timeZone?: string;
}

/** The answer to the opt-out POST: done, since when, and what still works. */
export function renderOptedOutPage(input: OptedOutPageInput): RenderedPage {
  const words = wording(input.language).pages;
  const when = formatDateTime(input.at, input.language, input.timeZone);
  const person = senderWithAddress(input.sender);
  const main = [
    `<h1>${escapeHtml(words.optedOutHeading)}</h1>`,
    `<p>${words.optedOutSince({ text: when, html: timeElement(input.at, when) }, bdi(input.workspaceName))}</p>`,
    `<p>${escapeHtml(words.keepsWorking)}</p>`,
    ...(person ? [`<p class="muted">${words.questions(person)}</p>`] : []),
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.optedOutTitle,
    header: organisationHeader(input.workspaceName),
    main,
  });
}
