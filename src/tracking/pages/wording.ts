import type { FileKind } from './file-kind.js';
import type { Html, PageLanguage } from './types.js';
import { EN } from './wording-en.js';
import { IT } from './wording-it.js';

/** A date for a sentence: the words (Italian picks its article from them) and their markup. */
export interface DateText {
  text: string;
  html: Html;
}

/**
 * Every sentence the recipient pages say. Plain `string` entries are text, escaped where they
 * are used; functions take fragments that are already markup (escaped values, `<bdi>`, links)
 * and return markup, so their own words must never hold `<` or `&`.
 */
export interface PageWording {
  noSubject: string;
  /** The mail's subject in the language's quotation marks. */
  quote(subject: Html): Html;
  from: string;

  downloadTitle(count: number, subject: string): string;
  downloadHeading(count: number, subject: Html): Html;
  availableUntil(count: number, date: DateText): Html;
  filesSummary(count: number, totalSize: string): string;
  filesLabel: string;
  noFiles: string;
  download: string;
  downloadAll: string;
  kinds: Readonly<Record<FileKind, string>>;
  downloadsReported: string;
  privacyLink: string;

  expiredTitle: string;
  expiredHeading: string;
  expiredBody(subject: Html, date: DateText | undefined): Html;
  revokedTitle: string;
  revokedHeading: string;
  revokedBody(subject: Html): Html;
  /** `name` is undefined when the copy names no sender at all. */
  askSender(name: Html | undefined): Html;
  writeTo(name: Html): Html;
  senderAddress(email: Html): Html;

  privacyTitle: string;
  privacyHeading: string;
  whatHeading: string;
  tellsSender(subject: Html): Html;
  tracksOpens: string;
  tracksClicks: string;
  tracksDownloads: string;
  tracksDetails: string;
  tracksNothing: string;
  whyHeading: string;
  why: string;
  whoHeading: string;
  who(organisation: Html, person: Html | undefined): Html;
  keptHeading: string;
  kept: string;
  /** `contact`: the sender's address, or the organisation when there is none. */
  rights(contact: Html): Html;
  stopHeading: string;
  stopExplain(organisation: Html): Html;
  stopButton: string;
  alreadyStopped(organisation: Html): Html;

  optedOutTitle: string;
  optedOutHeading: string;
  optedOutSince(date: DateText, organisation: Html): Html;
  keepsWorking: string;
  questions(person: Html): Html;

  notFoundTitle: string;
  notFoundHeading: string;
  notFoundBody: string;

  unavailableTitle: string;
  unavailableHeading: string;
  unavailableBody: string;
}

export const PAGE_WORDING: Readonly<Record<PageLanguage, PageWording>> = Object.freeze({
  en: EN,
  it: IT,
});
