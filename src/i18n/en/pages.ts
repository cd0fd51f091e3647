import type { DateText, Html } from '../markup.js';

const files = (count: number) => (count === 1 ? 'file' : 'files');

/**
 * Every sentence the recipient pages say. Plain `string` entries are text, escaped where they
 * are used; functions take fragments that are already markup (escaped values, `<bdi>`, links)
 * and return markup, so their own words must never hold `<` or `&`.
 */
export const pages = {
  noSubject: '(no subject)',
  /** The mail's subject in the language's quotation marks. */
  quote: (subject: Html): Html => `“${subject}”`,
  from: 'From',
  /** Put before the subject of the reply a page offers to write (with its space). */
  replyPrefix: 'Re: ',

  downloadTitle: (count: number, subject: string): string =>
    `${count === 1 ? 'Attachment' : 'Attachments'}: ${subject}`,
  downloadHeading: (count: number, subject: Html): Html =>
    `${count === 1 ? 'File' : 'Files'} attached to ${subject}`,
  availableUntil: (_count: number, date: DateText): Html => `Available until ${date.html}.`,
  filesSummary: (count: number, totalSize: string): string =>
    `${count} ${files(count)}, ${totalSize} in total`,
  filesLabel: 'Files',
  noFiles: 'There are no files to download here.',
  download: 'Download',
  downloadAll: 'Download all (zip)',
  /** The name of that zip (before `.zip`) when the mail has no subject. */
  zipName: 'attachments',
  /** What each kind of file is called (the keys are tracking's FileKind). */
  kinds: {
    pdf: 'PDF document',
    image: 'Image',
    document: 'Document',
    spreadsheet: 'Spreadsheet',
    presentation: 'Presentation',
    archive: 'Compressed archive',
    text: 'Text file',
    audio: 'Audio',
    video: 'Video',
    email: 'Email message',
    program: 'Program: open it only if you were expecting it',
    other: 'File',
  },
  downloadsReported: 'The sender is told when you download a file.',
  privacyLink: 'What is recorded, and how to stop it',

  expiredTitle: 'Link expired',
  expiredHeading: 'This download link has expired',
  expiredBody: (subject: Html, date: DateText | undefined): Html =>
    date
      ? `The files attached to ${subject} were available for a limited time only: the link expired on ${date.html}.`
      : `The files attached to ${subject} were available for a limited time only, and that time is over.`,
  revokedTitle: 'Files withdrawn',
  revokedHeading: 'The sender has withdrawn these files',
  revokedBody: (subject: Html): Html =>
    `The files attached to ${subject} can no longer be downloaded: the sender has taken them back.`,
  /** `name` is undefined when the copy names no sender at all. */
  askSender: (name: Html | undefined): Html =>
    `If you still need them, ask ${name ?? 'the sender'} to send them again.`,
  writeTo: (name: Html): Html => `Write to ${name}`,
  senderAddress: (email: Html): Html => `Their address is ${email}.`,

  privacyTitle: 'Tracking and privacy',
  privacyHeading: 'Tracking in this email',
  whatHeading: 'What is recorded',
  tellsSender: (subject: Html): Html => `The email ${subject} tells its sender:`,
  tracksOpens: 'that you opened it',
  tracksClicks: 'which of its links you clicked',
  tracksDownloads: 'which of its attachments you downloaded',
  /** What each hit records, by what TRACKING_IP keeps of the address (config's TrackingIpMode). */
  tracksDetails: {
    anonymize:
      'Each time, it records when it happened, the type of device and email program, and your IP address shortened to its network (/24 for IPv4, /48 for IPv6), so that it is only approximate. Your location is never recorded.',
    full: 'Each time, it records when it happened, the type of device and email program, and your IP address in full. Your location is never recorded.',
    none: 'Each time, it records when it happened and the type of device and email program. Your IP address is not recorded, nor is your location.',
  },
  tracksNothing: 'This email records nothing about what you do with it.',
  whyHeading: 'Why',
  why: 'They let the sender know that the email reached you and was read.',
  whoHeading: 'Who sees this',
  who: (organisation: Html, person: Html | undefined): Html =>
    person
      ? `${organisation}, who sent you the email: in particular ${person}, who wrote to you, and any colleagues of theirs who follow it.`
      : `${organisation}, who sent you the email: the person who wrote it and any colleagues who follow it.`,
  keptHeading: 'For how long',
  /** `days`: EVENT_RETENTION_DAYS, after which the records are deleted. */
  kept: (days: number): string =>
    `The records are kept for ${days === 1 ? '1 day' : `${days} days`} and then deleted.`,
  /** `contact`: the sender's address, or the organisation when there is none. */
  rights: (contact: Html): Html =>
    `To find out what has been recorded about you, or to have it deleted, write to ${contact}.`,
  stopHeading: 'Stop tracking',
  stopExplain: (organisation: Html): Html =>
    `It takes effect at once, also for the emails from ${organisation} that you have already received. The email’s links and attachments keep working.`,
  stopButton: 'Stop tracking me',
  alreadyStopped: (organisation: Html): Html =>
    `You have already stopped tracking: nothing more is recorded about you for emails from ${organisation}. The email’s links and attachments keep working.`,

  optedOutTitle: 'Tracking stopped',
  optedOutHeading: 'Done: you are no longer tracked',
  optedOutSince: (date: DateText, organisation: Html): Html =>
    `As of ${date.html}, nothing more is recorded when you open emails from ${organisation}, click their links or download their attachments, including the emails you have already received.`,
  keepsWorking: 'The links and attachments in the email keep working as before.',
  questions: (person: Html): Html => `If you have any questions, write to ${person}.`,

  /** On the privacy page once opted out: the recipient's own way back (no one else may undo it). */
  resumeHeading: 'Track me again',
  resumeExplain: (organisation: Html): Html =>
    `Only you can undo your choice. If you want ${organisation} to know again when you open its emails, click their links or download their attachments, tick the box and press the button: it takes effect at once.`,
  /** The box a person ticks before the button: a scanner that submits forms leaves it empty. */
  resumeConfirm: (organisation: Html): Html =>
    `Yes, I want ${organisation} to know again when I read its emails.`,
  resumeUnconfirmed:
    'Tick the box first to confirm: nothing has changed, you are still not tracked.',
  resumeButton: 'Track me again',
  resumedTitle: 'Tracking on again',
  resumedHeading: 'Done: tracking is on again',
  resumedSince: (date: DateText, organisation: Html): Html =>
    `As of ${date.html}, ${organisation} is told again when you open its emails, click their links or download their attachments. You can stop it again at any time from the link at the foot of each email.`,

  notFoundTitle: 'Link not recognised',
  notFoundHeading: 'This link doesn’t work',
  notFoundBody:
    'It may have been copied only in part, or damaged on the way. Try opening it again from the email; if it still doesn’t work, ask the person who sent you the email.',

  unavailableTitle: 'Temporarily unavailable',
  unavailableHeading: 'This page is not available right now',
  unavailableBody:
    'The link is fine: the service is busy or under maintenance for a moment. Please try again in a few minutes.',
};

export type PageWording = typeof pages;
