import type { TrackingIpMode } from '../../config.js';
import { escapeHtml } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import { type ConsentSectionInput, consentSection } from './consent-page.js';
import { bdi, emailLink, quotedSubject, realEmail, senderWithAddress } from './fragments.js';
import { renderLayout } from './layout.js';
import { organisationHeader } from './sender-header.js';
import type { Html, PageSender, PageWording, RenderedPage } from './types.js';

/**
 * What the service keeps, as it is configured: the page says exactly that (TRACKING_IP's mode,
 * EVENT_RETENTION_DAYS), never a promise the configuration does not keep.
 */
export interface PrivacyKeeps {
  /** How much of the recipient's IP address a hit keeps: its network, all of it, or none. */
  readonly ip: TrackingIpMode;
  /** After how many days the records are deleted. */
  readonly days: number;
}

export interface PrivacyPageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  /** The organisation that sent it. */
  workspaceName: string;
  subject: string;
  /** Already opted out: say so, and offer the way back instead of the stop button. */
  optedOut: boolean;
  /** POST target for the stop button, e.g. `/t/p/<token>`. */
  optOutAction: string;
  /** POST target for the "track me again" button, e.g. `/t/p/<token>/resume`. */
  resumeAction: string;
  /** The "track me again" button was pressed without its box ticked: say so beside it. */
  resumeUnconfirmed?: boolean;
  /** What this copy reports to its sender. */
  tracks: { opens: boolean; clicks: boolean; downloads: boolean };
  /** What is kept of each hit, and for how long. */
  keeps: PrivacyKeeps;
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
    `<p>${escapeHtml(words.tracksDetails[input.keeps.ip])}</p>`,
  ].join('\n');
}

/** A form of one button: works without script, and a link scanner's GET never presses it. */
function buttonForm(action: string, label: string): Html {
  return [
    `<form method="post" action="${escapeHtml(action)}" class="actions">`,
    `<button type="submit" class="button">${escapeHtml(label)}</button>`,
    '</form>',
  ].join('\n');
}

function optOut(input: PrivacyPageInput, words: PageWording, organisation: Html): Html {
  if (!input.optedOut) {
    return [
      `<p>${words.stopExplain(organisation)}</p>`,
      buttonForm(input.optOutAction, words.stopButton),
    ].join('\n');
  }
  return `<p>${words.alreadyStopped(organisation)}</p>`;
}

/**
 * Once opted out, the recipient's own way back: nobody else may undo their choice. The button
 * needs its box ticked (the browser insists, `required`; the server checks `confirm=yes`), so a
 * mail scanner that submits the forms it finds — Safe Links does — never tracks anyone again.
 */
function resume(input: PrivacyPageInput, words: PageWording, organisation: Html): Html {
  return [
    `<p>${words.resumeExplain(organisation)}</p>`,
    ...(input.resumeUnconfirmed
      ? [`<p role="alert">${escapeHtml(words.resumeUnconfirmed)}</p>`]
      : []),
    `<form method="post" action="${escapeHtml(input.resumeAction)}" class="actions">`,
    '<p><label><input type="checkbox" name="confirm" value="yes" required> ' +
      `${words.resumeConfirm(organisation)}</label></p>`,
    `<button type="submit" class="button">${escapeHtml(words.resumeButton)}</button>`,
    '</form>',
  ].join('\n');
}

/**
 * The page behind the mail's privacy link: what is recorded, why, for whom, for how long, and
 * one button to stop it (the notice the Garante's and the CNIL's 2026 rules ask for) — or, once
 * stopped, one to track again.
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
      `<p>${escapeHtml(words.kept(input.keeps.days))} ${words.rights(email === undefined ? organisation : emailLink(email))}</p>`,
    ),
    section('stop', words.stopHeading, optOut(input, words, organisation)),
    ...(input.optedOut
      ? [section('resume', words.resumeHeading, resume(input, words, organisation))]
      : []),
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
