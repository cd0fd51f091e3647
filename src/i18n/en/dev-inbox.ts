import type { Html } from '../markup.js';

/**
 * The dev inbox's pages (the inbox that catches every mail when SMTP_URL is unset). Plain
 * `string` entries are text, escaped where they are used; a function that takes markup returns
 * markup, so its own words must never hold `<` or `&`. The subject of a mail without one is the
 * recipient pages' `noSubject`.
 */
export const devInbox = {
  title: 'Dev inbox',
  /** A page's title: what it shows, then the inbox. */
  pageTitle: (shown: string): string => `${shown} · Dev inbox`,
  intro:
    'SMTP_URL is not set, so every mail Mailbeacon sends lands here instead of going out. Open one to see it as its recipient would: images load, and opens, clicks and downloads are tracked.',
  /** `address` is the dev SMTP server's `host:port`, as markup. */
  otherSenders: (address: Html): Html =>
    `Other programs can send to SMTP on ${address}, but their mail belongs to no workspace and is shown to nobody: only what Mailbeacon sent for your workspace is listed.`,
  empty: 'No mail yet. Send a message and it shows up here.',
  live: 'New mail appears by itself.',
  /** `seconds` until the page asks again, as the page's script writes the number. */
  retrying: (seconds: string): string =>
    `The server does not answer; trying again in ${seconds} s.`,
  noSender: '(no sender)',
  noRecipients: '(no recipients)',
  /** An empty header, or a missing Date. */
  none: '(none)',

  backToInbox: '← Inbox',
  source: 'Source',
  downloadEml: 'Download .eml',
  backToMail: 'Back to the mail',
  /** The mail's header fields, as mail clients label them. */
  from: 'From',
  to: 'To',
  cc: 'Cc',
  date: 'Date',
  /**
   * Who the copy went to: the envelope's RCPT TO, which tells apart copies whose headers are
   * the same (a Bcc's). Shown as "Delivered to: a@example.com" in the list.
   */
  deliveredTo: 'Delivered to',
  /** The SMTP envelope (MAIL FROM, RCPT TO keep SMTP's own words), and the mail's size. */
  envelope: 'SMTP envelope',
  size: 'Size',
  attachments: (count: number): string => `Attachments (${count})`,
  notParsed: 'This mail could not be parsed; here is its source.',
  noBody: '(no body)',
  /** The frame's title, for screen readers. */
  bodyFrame: 'The mail’s HTML body',
  plainTextPart: 'Plain-text part',
  sourceTitle: (subject: string): string => `Source of ${subject}`,
  sourceHeading: 'Source',

  notFoundTitle: 'Not found',
  notFoundHeading: 'No such mail',
  notFoundBody: 'It is not in the dev inbox. Perhaps the database was reset.',
};

export type DevInboxWording = typeof devInbox;
