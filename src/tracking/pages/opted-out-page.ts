import { escapeHtml } from '../../html/index.js';
import { longDateTime, timeElement } from './format-time.js';
import { bdi, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { PageLanguage, PageSender, RenderedPage } from './types.js';
import { PAGE_WORDING } from './wording.js';

export interface OptedOutPageInput {
  language: PageLanguage;
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
  const words = PAGE_WORDING[input.language];
  const when = longDateTime(input.at, input.language, input.timeZone);
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
