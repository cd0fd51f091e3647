export type PageLanguage = 'en' | 'it';

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

/** Markup that is already safe to put in a page: every value in it went through escapeHtml. */
export type Html = string;
