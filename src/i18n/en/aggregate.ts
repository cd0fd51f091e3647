import type { Html } from '../markup.js';

/**
 * What a message sent under the `aggregate` policy says: the line at the foot of the mail, and
 * the page its link opens. Same rules as `pages`: plain strings are text, functions take and
 * return markup.
 */
export const aggregate = {
  /** The mail's foot line (plain text: the notice escapes it). */
  mailNotice: 'This email counts how many times it is opened in total, never by whom.',
  mailLink: 'How it works',

  pageTitle: 'Opening count',
  pageHeading: 'This email only counts its openings',
  counts: (subject: Html, organisation: Html): Html =>
    `The email ${subject} from ${organisation} carries an invisible image that is the same in every copy: when it loads, one more opening is added to the email’s total.`,
  nothingAboutYou:
    'The count never says who opened the email: nothing about you — your address, your device, your IP address or your location — is kept with it, and no one is told when you open it. Links and attachments are not tracked.',
  why: 'It lets the sender know, in aggregate, whether their emails are read.',
  avoid:
    'To stop even this count, do not load the email’s images: most email programs can block them.',
};

export type AggregateWording = typeof aggregate;
