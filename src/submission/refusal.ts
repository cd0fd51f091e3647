import { isMailbeaconError } from '../errors.js';

/**
 * An SMTP refusal with its RFC 3463 enhanced status code, as smtp-server's callbacks take it: an
 * Error whose `responseCode` is the reply code and whose message starts with the enhanced code
 * (the submission connection moves it to its place in the reply, submission-connection.ts).
 */
export class SmtpRefusal extends Error {
  override readonly name = 'SmtpRefusal';
  readonly responseCode: number;
  readonly enhancedCode: string;
  /** The reply's text without the codes. */
  readonly text: string;

  constructor(responseCode: number, enhancedCode: string, text: string) {
    super(`${enhancedCode} ${text}`);
    this.responseCode = responseCode;
    this.enhancedCode = enhancedCode;
    this.text = text;
  }
}

/** 535 5.7.8 (RFC 4954 §6): the e-mail address and API key do not go together. */
export const badCredentials = () =>
  new SmtpRefusal(
    535,
    '5.7.8',
    'Authentication credentials invalid: log in with your e-mail address and an API key',
  );

/** 454 4.7.0 (RFC 4954 §6): the credentials could not be checked now; the client tries again. */
export const authUnavailable = () =>
  new SmtpRefusal(454, '4.7.0', 'Temporary authentication failure; try again later');

/** 530 5.7.0 (RFC 4954 §6): AUTH first. */
export const authRequired = () =>
  new SmtpRefusal(
    530,
    '5.7.0',
    'Authentication required: log in with your e-mail address and an API key',
  );

/** 538 5.7.11 (RFC 4954 §6, RFC 5248): credentials travel only encrypted, but from loopback. */
export const encryptionRequired = () =>
  new SmtpRefusal(538, '5.7.11', 'Encryption required: use STARTTLS before AUTH');

/** 552 5.3.4 (RFC 3463 §3.5): the message, or one of its files, is over the size limit. */
export const tooBig = (what: string) => new SmtpRefusal(552, '5.3.4', what);

/** 554 5.7.1 (RFC 3463 §3.8, RFC 6409 §6.1): the sender may not use this From. */
export const fromNotPermitted = (text: string) => new SmtpRefusal(554, '5.7.1', text);

/** 554 5.6.0 (RFC 3463 §3.7): the content cannot become a message as it is (the text says why). */
export const badContent = (text: string) => new SmtpRefusal(554, '5.6.0', text);

/** 451 4.3.0 (RFC 3463 §3.4): our fault or the database's; nothing kept, the client retries. */
export const tryLater = () =>
  new SmtpRefusal(451, '4.3.0', 'The message could not be taken now; try again later');

/**
 * What an error thrown while taking a mail is said as: a refusal as it is; the catalogue's
 * `payload_too_large` as 552 5.3.4 and any other 4xx of it (validation, too many links) as
 * 554 5.6.0 with its message; anything else (a fault, the database away) as 451 4.3.0, so the
 * client keeps the mail and tries again.
 */
export function refusalOf(error: unknown): SmtpRefusal {
  if (error instanceof SmtpRefusal) return error;
  if (isMailbeaconError(error) && !error.fault) {
    if (error.errorName === 'MB_ERR_PAYLOAD_TOO_LARGE') return tooBig(error.message);
    return badContent(error.message);
  }
  return tryLater();
}
