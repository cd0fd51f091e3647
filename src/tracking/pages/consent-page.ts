import { escapeHtml } from '../../html/index.js';
import { formatDateTime, type Language, wording } from '../../i18n/index.js';
import { timeElement } from './format-time.js';
import { bdi, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { Html, PageSender, RenderedPage } from './types.js';

/** The consent part of a privacy page: the address's state and the button that changes it. */
export interface ConsentSectionInput {
  /** Whether the address has a consent in force now. */
  readonly given: boolean;
  /** POST targets of the two buttons, e.g. `/t/p/<token>/consent`. */
  readonly giveAction: string;
  readonly withdrawAction: string;
  /** The give button was pressed without its box ticked: say so beside it. */
  readonly unconfirmed?: boolean;
}

/**
 * What the consent section says, as plain text in the page's language: the sentence beside the
 * button and the button's label. Kept with a consent given or withdrawn as the proof of what the
 * recipient read (`organisation` is the workspace's name, plain).
 */
export function consentProofText(language: Language, given: boolean, organisation: string): string {
  const words = wording(language).consent;
  const sentence = given ? words.given(organisation) : words.offer(organisation);
  return `[${language}] ${sentence} [${given ? words.withdrawButton : words.giveButton}]`;
}

/** The section itself, inside a privacy page: a plain form post, no script needed. */
export function consentSection(
  language: Language,
  input: ConsentSectionInput,
  organisation: Html,
): Html {
  const words = wording(language).consent;
  const [sentence, action, label] = input.given
    ? [words.given(organisation), input.withdrawAction, words.withdrawButton]
    : [words.offer(organisation), input.giveAction, words.giveButton];
  // Giving consent needs its box ticked (the browser insists, `required`; the server checks
  // `confirm=yes`): a mail scanner that submits the forms it finds must never consent for anyone.
  // Withdrawing needs nothing: it is the safe side, like an opt-out.
  const confirm = input.given
    ? []
    : [
        ...(input.unconfirmed ? [`<p role="alert">${escapeHtml(words.giveUnconfirmed)}</p>`] : []),
        '<p><label><input type="checkbox" name="confirm" value="yes" required> ' +
          `${words.giveConfirm(organisation)}</label></p>`,
      ];
  return [
    '<section aria-labelledby="consent">',
    `<h2 id="consent">${escapeHtml(words.heading)}</h2>`,
    `<p>${sentence}</p>`,
    `<form method="post" action="${escapeHtml(action)}" class="actions">`,
    ...confirm,
    `<button type="submit" class="button">${escapeHtml(label)}</button>`,
    '</form>',
    '</section>',
  ].join('\n');
}

export interface ConsentDonePageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  workspaceName: string;
  /** What was recorded: a consent given, or withdrawn. */
  consented: boolean;
  /** When it was recorded. */
  at: Date;
  /** IANA zone the time is written in; UTC by default. */
  timeZone?: string;
}

/** The answer to either consent button: what was recorded, since when, and what it means. */
export function renderConsentDonePage(input: ConsentDonePageInput): RenderedPage {
  const words = wording(input.language).consent;
  const pageWords = wording(input.language).pages;
  const when = formatDateTime(input.at, input.language, input.timeZone);
  const date = { text: when, html: timeElement(input.at, when) };
  const organisation = bdi(input.workspaceName);
  const person = senderWithAddress(input.sender);
  const main = [
    `<h1>${escapeHtml(input.consented ? words.givenHeading : words.withdrawnHeading)}</h1>`,
    `<p>${input.consented ? words.givenSince(date, organisation) : words.withdrawnSince(date, organisation)}</p>`,
    ...(input.consented ? [] : [`<p>${escapeHtml(words.stopAll)}</p>`]),
    ...(person ? [`<p class="muted">${pageWords.questions(person)}</p>`] : []),
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: input.consented ? words.givenTitle : words.withdrawnTitle,
    header: organisationHeader(input.workspaceName),
    main,
  });
}
