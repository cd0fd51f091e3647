const until = (date: string | undefined) => (date === undefined ? '' : ` until ${date}`);

/**
 * The lines the system posts in a message's chat. `user` is the acting user's name, `file` an
 * attachment's name, `until` the link's new end as formatLongDate writes it (undefined: none),
 * `who` a recipient as the chat names them, `response` the SMTP server's reply or our error.
 */
export const chat = {
  linkRevoked: (user: string, file: string): string => `${user} revoked the link to ${file}`,
  linkRestored: (user: string, file: string, date: string | undefined): string =>
    `${user} restored the link to ${file}${until(date)}`,
  linkExtended: (user: string, file: string, date: string | undefined): string =>
    `${user} extended the link to ${file}${until(date)}`,
  linkShortened: (user: string, file: string, date: string | undefined): string =>
    `${user} shortened the link to ${file}${until(date)}`,
  linkEnded: (user: string, file: string): string =>
    `${user} ended the link to ${file}: it no longer works`,
  deliveryRejected: (who: string, response: string): string =>
    `Delivery to ${who} was rejected: ${response}`,
  deliveryFailed: (who: string, response: string): string =>
    `Delivery to ${who} failed: ${response}`,
  /** The team's copy could not be put in the shared mailbox's Sent folder yet (issue 17). */
  mailboxAppendFailed: (problem: string): string =>
    `The copy for the shared mailbox’s Sent folder could not be saved: ${problem}. It will be tried again; sending goes on.`,
  /** …and was given up after the last retry. */
  mailboxAppendGaveUp: (problem: string): string =>
    `The copy for the shared mailbox’s Sent folder was given up: ${problem}.`,
  /** What went wrong with the shared mailbox, by the problem's kind. */
  mailboxProblems: {
    login_failed: 'the IMAP server refused the user name or password',
    forbidden: 'the IMAP server’s address is not allowed',
    unresolvable: 'the IMAP server’s name does not resolve',
    unreachable: 'the IMAP server could not be reached',
    tls: 'the secure connection to the IMAP server failed',
    no_sent_folder: 'the mailbox has no Sent folder (name one in the settings)',
    protocol: 'the IMAP server did not answer as expected',
    no_password: 'the mailbox’s password must be saved again (SECRET changed)',
  },
};

export type ChatWording = typeof chat;
