import type { Wording } from '../../i18n/index.js';

export type { Html } from '../../i18n/index.js';

/** What the recipient pages say, in one language (the locale registry's `pages`). */
export type PageWording = Wording['pages'];

/** A page and the policy it was written for: send `csp` as the Content-Security-Policy header. */
export interface RenderedPage {
  html: string;
  /** The Content-Security-Policy header value to send with it. */
  csp: string;
}

/** Who sent the mail, as the recipient knows them. */
export interface PageSender {
  name: string | null;
  email: string;
}
