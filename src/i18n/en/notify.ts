const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

const failedDeliveries = (count: number): string =>
  count === 1 ? '1 failed delivery' : `${count} failed deliveries`;

/**
 * Notifications: one line per event (who did what, then remarks in parentheses), and the
 * webhook line admins get. `who` is the recipient's name or address; values are plain text.
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
  inferredOpen: '(seen from a click or download)',
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

  /** `url` as shownWebhookUrl writes it; `lastError` as the receiver answered. */
  webhookDisabled: (url: string, failures: number, lastError: string): string =>
    `Webhook ${url} was disabled after ${failedDeliveries(failures)} (last error: ${lastError}); create it again once the receiver works`,
  /** Why a subscription was disabled, as its status says (the API's `disabledReason`). */
  webhookDisabledReason: (failures: number, lastError: string): string =>
    `nothing got through: ${failedDeliveries(failures)} in a row; last error: ${lastError}`,
};

export type NotifyWording = typeof notify;
