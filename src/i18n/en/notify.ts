const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

const until = (date: string | undefined) => (date === undefined ? '' : ` until ${date}`);

const failedDeliveries = (count: number): string =>
  count === 1 ? '1 failed delivery' : `${count} failed deliveries`;

/**
 * Every line a reader is told, worded when read in the reader's language (src/notify/wording.ts
 * is the one place that picks a sentence): notifications and tracking lines (who did what, then
 * remarks in parentheses), the system lines of a message's chat, and the webhook line admins
 * get. `who` is the recipient's name or address, `user` the acting user's name, `file` an
 * attachment's name, `until` the link's new end as formatLongDate writes it (undefined: none),
 * `response` the SMTP server's reply or our explanation; values are plain text.
 */
export const notify = {
  opened: (who: string, subject: string): string => `${who} opened «${subject}»`,
  clicked: (who: string, url: string | undefined): string => `${who} clicked ${url ?? 'a link'}`,
  downloaded: (who: string, filename: string | undefined): string =>
    `${who} downloaded ${filename ?? 'an attachment'}`,
  triedExpired: (who: string, filename: string | undefined): string =>
    `${who} tried to download ${filename ?? 'an attachment'} after the link expired`,
  optedOut: (who: string): string => `${who} asked not to be tracked any more`,
  replied: (who: string, subject: string): string => `${who} replied to «${subject}»`,
  /** An out-of-office or other automatic answer (RFC 3834): not counted as a reply. */
  autoReplied: (who: string, subject: string): string =>
    `${who} sent an automatic reply to «${subject}» (out of office or similar)`,
  /** Remark on an open inferred from a later click or download. */
  inferredOpen: '(seen from a click, a download or a reply)',
  /** Remark on a recipient's second and later opens: `(2nd time)`. */
  nthOpen: (n: number): string => `(${ordinal(n)} time)`,
  /** Remark on a folded notification standing for `count` events. */
  repeated: (count: number): string => `(${count} times)`,
  /** What probably produced a machine's event, by the classifier's reason code. */
  machines: {
    apple_mpp: 'Apple’s privacy prefetch',
    gmail_proxy: 'Gmail’s image proxy',
    yahoo_proxy: 'Yahoo’s image proxy',
    honeypot: 'a link scanner',
    scanner_ua: 'an automatic scanner',
    scanner_network: 'a mail security scanner',
    scanner_burst: 'a link scanner',
    early_click: 'a mail security scanner',
    head_request: 'a link checker',
    prefetch_header: 'a prefetch',
  },
  /** A machine with a reason code not in `machines`. */
  unknownMachine: 'a machine',
  probablyMachine: (machine: string): string => `— probably ${machine}, not the recipient`,
  /** A chat channel's line names the message, as a channel mixes messages. */
  onMessage: (subject: string): string => `— «${subject}»`,

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

  /** `url` as shownWebhookUrl writes it; `lastError` as the receiver answered. */
  webhookDisabled: (url: string, failures: number, lastError: string): string =>
    `Webhook ${url} was disabled after ${failedDeliveries(failures)} (last error: ${lastError}); create it again once the receiver works`,
  /** Why a subscription was disabled, as its status says (the API's `disabledReason`). */
  webhookDisabledReason: (failures: number, lastError: string): string =>
    `nothing got through: ${failedDeliveries(failures)} in a row; last error: ${lastError}`,
};

export type NotifyWording = typeof notify;
