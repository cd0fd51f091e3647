import type { Language } from '../../i18n/index.js';

/** A link of the mail reached through a tracking URL; `index` is stable for a given input. */
export interface TrackedLink {
  index: number;
  /** The target as the recipient's browser would follow it: entities decoded, base resolved. */
  url: string;
}

export interface DownloadFile {
  filename: string;
  /** In bytes. */
  size: number;
}

export interface DownloadOptions {
  /** The recipient's download page. */
  url: string;
  files: DownloadFile[];
  expiresAt: Date;
  language: Language;
  /** IANA zone the expiry date is written in; defaults to UTC. */
  timeZone?: string;
}

export interface PrivacyNoticeOptions {
  /** The recipient's privacy page (what is tracked, and the opt-out). */
  url: string;
  language: Language;
  /** Replaces the default sentence (plain text; escaped). The link label stays the default one. */
  text?: string;
  /**
   * Replaces the link's label ("Stop tracking"; plain text, escaped): a message's shared pixel
   * (the `aggregate` policy) links to a page about its counting, with nothing to stop per person.
   */
  linkLabel?: string;
}

export interface InstrumentOptions {
  /** URL of this copy's open pixel; omit for no pixel. */
  pixelUrl?: string;
  /**
   * Returns the tracking URL of a link. Called once per distinct target. Omit to leave every
   * link as it is (the result still lists the links that would have been tracked).
   */
  clickUrl?: (link: TrackedLink) => string;
  /** A link no person sees, for link scanners to follow: hidden, html only. Omit for none. */
  honeypotUrl?: string;
  /** Attachments replaced by a link: inserts the download block. */
  download?: DownloadOptions;
  /** Inserts the short privacy notice with its opt-out link. */
  privacyNotice?: PrivacyNoticeOptions;
}

export interface InstrumentInput {
  html?: string;
  text?: string;
  /**
   * With html and no text: whether the result gets a text part made from the html (default
   * true). False where only the html or the links matter (the clip measure, the link count):
   * the made text never adds a link.
   */
  textFromHtml?: boolean;
}

export interface InstrumentResult {
  /** Present when the input had html. */
  html?: string;
  /**
   * Present when the input had text that says something, or html it was made from (see
   * textFromHtml); an empty or white-space-only text beside html counts as none.
   */
  text?: string;
  /** Every trackable link of both parts, in order of first occurrence (html first). */
  links: TrackedLink[];
}
