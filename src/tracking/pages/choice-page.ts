import { escapeHtml } from '../../html/index.js';
import { formatDateTime, type Language, wording } from '../../i18n/index.js';
import { timeElement } from './format-time.js';
import { bdi, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { PageSender, PageWording, RenderedPage } from './types.js';

/** The answer to one of the privacy page's buttons: who it concerns and when it took effect. */
export interface ChoicePageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  workspaceName: string;
  /** When the choice was recorded. */
  at: Date;
  /** IANA zone the time is written in; UTC by default. */
  timeZone?: string;
}

/** What one kind of answer says, picked from the language's page wording. */
export interface ChoiceWording {
  readonly title: string;
  readonly heading: string;
  /** The main sentence: since the date, for the organisation (both already markup). */
  readonly since: PageWording['optedOutSince'];
  /** Plain-text lines after the main sentence. */
  readonly more: readonly string[];
}

/**
 * A recipient's choice, done: its heading, since when (a `<time>` with the exact instant), and
 * whom to ask. The opted-out and tracked-again pages are this page with their own words.
 */
export function renderChoicePage(
  input: ChoicePageInput,
  pick: (words: PageWording) => ChoiceWording,
): RenderedPage {
  const words = wording(input.language).pages;
  const said = pick(words);
  const when = formatDateTime(input.at, input.language, input.timeZone);
  const person = senderWithAddress(input.sender);
  const main = [
    `<h1>${escapeHtml(said.heading)}</h1>`,
    `<p>${said.since({ text: when, html: timeElement(input.at, when) }, bdi(input.workspaceName))}</p>`,
    ...said.more.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(person ? [`<p class="muted">${words.questions(person)}</p>`] : []),
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: said.title,
    header: organisationHeader(input.workspaceName),
    main,
  });
}
