import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import { type ConsentSectionInput, consentSection } from './consent-page.js';
import { bdi, emailLink, quotedSubject, realEmail, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { Html, PageSender, PageWording, RenderedPage } from './types.js';

export interface PrivacyPageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  /** The organisation that sent it. */
  workspaceName: string;
  subject: string;
  /** Already opted out: say so, no button. */
  optedOut: boolean;
  /** POST target for the button, e.g. `/t/p/<token>`. */
  optOutAction: string;
  /** What this copy reports to its sender. */
  tracks: { opens: boolean; clicks: boolean; downloads: boolean };
  /** The consent section (give or withdraw); absent, none. Not shown once opted out. */
  consent?: ConsentSectionInput;
}

function section(id: string, heading: string, body: Html): Html {
  return [
    `<section aria-labelledby="${id}">`,
    `<h2 id="${id}">${escapeHtml(heading)}</h2>`,
    body,
    '</section>',
  ].join('\n');
}

function whatIsTracked(input: PrivacyPageInput, words: PageWording): Html {
  const items = [
    input.tracks.opens && words.tracksOpens,
    input.tracks.clicks && words.tracksClicks,
    input.tracks.downloads && words.tracksDownloads,
  ].filter((item): item is string => typeof item === 'string');
  if (items.length === 0) return `<p>${escapeHtml(words.tracksNothing)}</p>`;
  return [
    `<p>${words.tellsSender(quotedSubject(input.subject, words))}</p>`,
    '<ul>',
    ...items.map((item) => `<li>${escapeHtml(item)}</li>`),
    '</ul>',
    `<p>${escapeHtml(words.tracksDetails)}</p>`,
  ].join('\n');
}

function optOut(input: PrivacyPageInput, words: PageWording, organisation: Html): Html {
  if (input.optedOut) return `<p>${words.alreadyStopped(organisation)}</p>`;
  // A plain form post: works without script, and a link scanner's GET never opts anyone out.
  return [
    `<p>${words.stopExplain(organisation)}</p>`,
    `<form method="post" action="${escapeHtml(input.optOutAction)}" class="actions">`,
    `<button type="submit" class="button">${escapeHtml(words.stopButton)}</button>`,
    '</form>',
  ].join('\n');
}

/**
 * The page behind the mail's privacy link: what is recorded, why, for whom, for how long, and
 * one button to stop it (the notice the Garante's and the CNIL's 2026 rules ask for).
 */
export function renderPrivacyPage(input: PrivacyPageInput): RenderedPage {
  const words = wording(input.language).pages;
  const organisation = bdi(input.workspaceName);
  const email = realEmail(input.sender);
  const main = [
    `<h1>${escapeHtml(words.privacyHeading)}</h1>`,
    section('what', words.whatHeading, whatIsTracked(input, words)),
    section('why', words.whyHeading, `<p>${escapeHtml(words.why)}</p>`),
    section(
      'who',
      words.whoHeading,
      `<p>${words.who(organisation, senderWithAddress(input.sender))}</p>`,
    ),
    section(
      'kept',
      words.keptHeading,
      `<p>${escapeHtml(words.kept)} ${words.rights(email === undefined ? organisation : emailLink(email))}</p>`,
    ),
    section('stop', words.stopHeading, optOut(input, words, organisation)),
    ...(input.consent && !input.optedOut
      ? [consentSection(input.language, input.consent, organisation)]
      : []),
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.privacyTitle,
    header: organisationHeader(input.workspaceName),
    main,
  });
}
