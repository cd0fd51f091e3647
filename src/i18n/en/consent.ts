import type { DateText, Html } from '../markup.js';

/**
 * What the recipient's privacy page says about consent to tracking (the `consent` policy), and
 * the pages its two buttons answer with. Same rules as `pages`: plain strings are text, functions
 * take and return markup. The sentence shown beside a button is kept as the proof of the choice.
 */
export const consent = {
  heading: 'Your consent',
  offer: (organisation: Html): Html =>
    `You can agree that ${organisation} records when you open its emails, click their links or download their attachments. You can withdraw your consent here at any time: it takes effect at once, also for the emails you have already received.`,
  giveButton: 'I agree to be tracked',
  /** The box a person ticks before giving consent: a scanner that submits forms leaves it empty. */
  giveConfirm: (organisation: Html): Html =>
    `Yes, I agree that ${organisation} records when I read its emails.`,
  giveUnconfirmed: 'Tick the box first to confirm: nothing has changed, no consent is recorded.',
  given: (organisation: Html): Html =>
    `You have agreed that ${organisation} records when you open its emails, click their links or download their attachments. You can withdraw your consent at any time: it takes effect at once, also for the emails you have already received.`,
  withdrawButton: 'Withdraw my consent',

  givenTitle: 'Consent recorded',
  givenHeading: 'Thank you: your consent is recorded',
  givenSince: (date: DateText, organisation: Html): Html =>
    `As of ${date.html}, ${organisation} may record when you open its emails, click their links or download their attachments. You can withdraw your consent from the privacy link at the foot of any of its emails.`,
  withdrawnTitle: 'Consent withdrawn',
  withdrawnHeading: 'Done: your consent is withdrawn',
  withdrawnSince: (date: DateText, organisation: Html): Html =>
    `As of ${date.html}, ${organisation} no longer has your consent: the emails it tracked only with your consent, including those you have already received, record nothing more.`,
  stopAll: 'To stop all tracking, use the “Stop tracking me” button on the privacy page.',
};

export type ConsentWording = typeof consent;
