import { capitalised } from '../capitalised.js';

/**
 * What the sender knows about a failed SMTP attempt, for the sentence that explains it: the
 * relay as it may be shown (password redacted), the system's error code (ECONNREFUSED, …), the
 * envelope's sender, the one recipient refused, or whether every recipient was.
 */
export interface SmtpFailureFacts {
  readonly relay?: string;
  readonly systemCode?: string;
  readonly from?: string;
  readonly recipient?: string;
  readonly everyRecipient: boolean;
}

const relay = (facts: SmtpFailureFacts) =>
  facts.relay ? `the SMTP relay ${facts.relay}` : 'the SMTP relay';
const systemCode = (facts: SmtpFailureFacts) => (facts.systemCode ? ` (${facts.systemCode})` : '');
const whom = (facts: SmtpFailureFacts) =>
  facts.recipient
    ? `the recipient <${facts.recipient}>`
    : facts.everyRecipient
      ? 'every recipient'
      : 'the recipient';

/**
 * Why a copy was not delivered, as the chat's delivery lines and a recipient's delivery status
 * say it. SMTP's own words (MAIL FROM, RCPT TO, DATA, STARTTLS) and the relay URL's options
 * (`?tls=…`) stay as they are: they are what the reader looks up or types.
 */
export const delivery = {
  /** What failed, by the stage of the SMTP conversation (the keys are mail's SmtpStage). */
  stages: {
    connect: (facts: SmtpFailureFacts): string =>
      `Could not talk to ${relay(facts)}${systemCode(facts)}`,
    tls: (facts: SmtpFailureFacts): string => `TLS with ${relay(facts)} failed${systemCode(facts)}`,
    auth: (facts: SmtpFailureFacts): string => `${relay(facts)} refused the login`,
    mail: (facts: SmtpFailureFacts): string =>
      `${relay(facts)} refused the sender${facts.from ? ` <${facts.from}>` : ''} at MAIL FROM`,
    rcpt: (facts: SmtpFailureFacts): string => `${relay(facts)} refused ${whom(facts)} at RCPT TO`,
    data: (facts: SmtpFailureFacts): string => `${relay(facts)} refused the message at DATA`,
    unknown: (facts: SmtpFailureFacts): string => `Sending through ${relay(facts)} failed`,
  },
  /** Whether trying again may help (the keys are mail's SmtpFailureKind). */
  verdicts: {
    deferred: 'temporary, will retry',
    rejected: 'permanent, retrying will not help',
  },
  /**
   * Why a connection failed when the relay gave no reply: fixed words, as an error's own text may
   * quote whatever a non-SMTP service sent (the keys are mail's causes).
   */
  causes: {
    unresolved: 'its host name does not resolve',
    refused: 'the connection was refused',
    timeout: 'no answer in time',
    closed: 'the connection was closed',
    notSmtp: 'the server did not answer as an SMTP relay does',
    tls: 'the TLS handshake failed',
    certificate: 'its certificate was not accepted',
    login: 'the login could not be made',
    envelope: 'an address cannot be written in an SMTP command',
    tooLarge: 'the message is larger than the relay accepts',
    failed: 'the connection failed',
  },
  /** The outbound policy refused the relay's address; `reason` names host, address and rule. */
  forbidden: (reason: string): string =>
    `the outbound policy refuses it: ${reason} (only public addresses, unless ALLOW_PRIVATE_NETWORKS)`,
  /** What the reader can do about a failure that has a known fix. */
  hints: {
    checkLogin: 'check the user name and password of the SMTP relay settings',
    noStarttls: 'the relay does not offer STARTTLS, which ?tls=required insists on',
    selfSigned: 'if the relay uses a self-signed certificate, add ?tls=insecure to its URL',
    loginRequired: 'the relay wants a login: put user and password in its URL',
  },
  /**
   * The whole explanation: `what` from `stages`, `detail` the relay's reply or the system's
   * error as they came, `verdict` from `verdicts`, `hint` from `hints` when one applies.
   */
  smtpFailure: (what: string, detail: string, verdict: string, hint: string | undefined): string =>
    capitalised(`${what}: ${detail} (${verdict}${hint === undefined ? '' : `; ${hint}`})`),
  /** A temporary failure that outlasted every retry; `reason` is its explanation. */
  gaveUp: (attempts: number, reason: string): string =>
    `gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${reason}`,
  /** The copy could not be put together (a missing attachment, …); `reason` as it was thrown. */
  notBuilt: (reason: string): string => `the copy could not be built: ${reason}`,
};

export type DeliveryWording = typeof delivery;
