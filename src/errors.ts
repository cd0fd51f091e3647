/**
 * The error catalogue: every refusal the service can give, with its stable wire code and status.
 *
 * A released code is never renamed or reused; `docs/errors.md` lists the same codes and a test
 * keeps the two in step. `fault: true` marks errors that are our problem (logged as errors),
 * everything else is the client's (logged at info level at most).
 */

interface ErrorSpec {
  /** The `error.code` clients see: snake_case, stable. */
  readonly code: string;
  readonly status: number;
  readonly message: string;
  readonly fault?: boolean;
}

function spec<const T extends ErrorSpec>(s: T): T {
  return Object.freeze(s);
}

export const ERRORS = Object.freeze({
  MB_ERR_VALIDATION: spec({
    code: 'validation_failed',
    status: 400,
    message: 'The request is not valid',
  }),
  MB_ERR_INVALID_JSON: spec({
    code: 'invalid_json',
    status: 400,
    message: 'The request body is not valid JSON',
  }),
  MB_ERR_BAD_REQUEST: spec({
    code: 'bad_request',
    status: 400,
    message: 'The request is malformed',
  }),
  MB_ERR_WEBHOOK_URL_INVALID: spec({
    code: 'webhook_url_invalid',
    status: 400,
    message: 'The webhook URL must be an http or https URL without credentials',
  }),
  MB_ERR_WEBHOOK_TARGET_UNRESOLVABLE: spec({
    code: 'webhook_target_unresolvable',
    status: 400,
    message: 'The webhook URL’s host name does not resolve',
  }),
  MB_ERR_WEAK_PASSWORD: spec({
    code: 'weak_password',
    status: 400,
    message:
      'The password is too short, too repetitive, too common or breached, or too like the account',
  }),
  MB_ERR_RESET_TOKEN_INVALID: spec({
    code: 'reset_token_invalid',
    status: 400,
    message: 'The password reset link is unknown, used or expired; ask for a new one',
  }),
  MB_ERR_RELAY_HOST_FORBIDDEN: spec({
    code: 'relay_host_forbidden',
    status: 400,
    message:
      'A workspace SMTP relay may not be, or resolve to, a private, loopback, link-local or translated address (ALLOW_PRIVATE_NETWORKS)',
  }),
  MB_ERR_RELAY_HOST_UNRESOLVABLE: spec({
    code: 'relay_host_unresolvable',
    status: 400,
    message: 'The SMTP relay’s host name does not resolve',
  }),
  MB_ERR_MAILBOX_HOST_FORBIDDEN: spec({
    code: 'mailbox_host_forbidden',
    status: 400,
    message:
      'A shared mailbox’s IMAP server may not be, or resolve to, a private, loopback, link-local or translated address (ALLOW_PRIVATE_NETWORKS)',
  }),
  MB_ERR_MAILBOX_HOST_UNRESOLVABLE: spec({
    code: 'mailbox_host_unresolvable',
    status: 400,
    message: 'The IMAP server’s host name does not resolve',
  }),
  MB_ERR_MAILBOX_LOGIN_FAILED: spec({
    code: 'mailbox_login_failed',
    status: 400,
    message: 'The IMAP server refused the user name or password',
  }),
  MB_ERR_MAILBOX_UNREACHABLE: spec({
    code: 'mailbox_unreachable',
    status: 400,
    message:
      'The IMAP server could not be reached or did not answer as an IMAP server (refused, timed out, TLS failed)',
  }),
  MB_ERR_MAILBOX_FOLDER_MISSING: spec({
    code: 'mailbox_folder_missing',
    status: 400,
    message:
      'The shared mailbox has no Sent folder by that name, or none flagged as Sent (RFC 6154) when none is named',
  }),
  MB_ERR_TOO_MANY_LINKS: spec({
    code: 'too_many_links',
    status: 400,
    message: 'The message has more distinct tracked links than a message may have',
  }),
  MB_ERR_UNSUPPORTED_MEDIA_TYPE: spec({
    code: 'unsupported_media_type',
    status: 415,
    message: 'This content type is not accepted here',
  }),
  MB_ERR_PAYLOAD_TOO_LARGE: spec({
    code: 'payload_too_large',
    status: 413,
    message: 'The request body is too large',
  }),
  MB_ERR_UNAUTHENTICATED: spec({
    code: 'unauthenticated',
    status: 401,
    message: 'Log in or send an API key as "Authorization: Bearer <key>"',
  }),
  MB_ERR_INVALID_API_KEY: spec({
    code: 'invalid_api_key',
    status: 401,
    message: 'The API key is unknown or has been revoked',
  }),
  MB_ERR_INVALID_CREDENTIALS: spec({
    code: 'invalid_credentials',
    status: 401,
    message: 'The email or password is wrong',
  }),
  MB_ERR_FORBIDDEN: spec({
    code: 'forbidden',
    status: 403,
    message: 'Only workspace admins may do this',
  }),
  MB_ERR_CROSS_SITE: spec({
    code: 'cross_site_request',
    status: 403,
    message: 'The request comes from another site',
  }),
  MB_ERR_WRONG_PASSWORD: spec({
    code: 'wrong_password',
    status: 403,
    message: 'The current password is wrong',
  }),
  MB_ERR_INVITE_REQUIRED: spec({
    code: 'invite_required',
    status: 403,
    message: 'Signing up needs an invite from a workspace admin',
  }),
  MB_ERR_INVITE_INVALID: spec({
    code: 'invite_invalid',
    status: 403,
    message: 'The invite is unknown, used or expired',
  }),
  MB_ERR_INVITE_EMAIL_MISMATCH: spec({
    code: 'invite_email_mismatch',
    status: 403,
    message: 'The invite was made for another email address',
  }),
  MB_ERR_WEBHOOK_TARGET_FORBIDDEN: spec({
    code: 'webhook_target_forbidden',
    status: 403,
    message:
      'Webhooks may not reach private, loopback or link-local addresses (ALLOW_PRIVATE_NETWORKS)',
  }),
  MB_ERR_NOT_FOUND: spec({
    code: 'not_found',
    status: 404,
    message: 'Not found',
  }),
  MB_ERR_ROUTE_NOT_FOUND: spec({
    code: 'route_not_found',
    status: 404,
    message: 'No such route',
  }),
  MB_ERR_EMAIL_TAKEN: spec({
    code: 'email_taken',
    status: 409,
    message: 'A user with this email already exists',
  }),
  MB_ERR_MEMBER_IS_SELF: spec({
    code: 'member_is_self',
    status: 409,
    message: 'An admin cannot remove themselves from the workspace; another admin can',
  }),
  MB_ERR_MESSAGE_SENT: spec({
    code: 'message_sent',
    status: 409,
    message: 'The message has been sent: it can no longer be changed',
  }),
  MB_ERR_MESSAGE_NOT_SENT: spec({
    code: 'message_not_sent',
    status: 409,
    message: 'The message is still a draft: its attachment links start when it is sent',
  }),
  MB_ERR_OPT_OUT_RECIPIENT_ONLY: spec({
    code: 'opt_out_recipient_only',
    status: 409,
    message: 'Only the recipient can withdraw their own opt-out (from their privacy page)',
  }),
  // RFC 9110 §15.5.20: the request names a host this server does not answer for (ALLOWED_HOSTS).
  MB_ERR_MISDIRECTED: spec({
    code: 'misdirected_request',
    status: 421,
    message: 'This server does not answer for that host name (ALLOWED_HOSTS)',
  }),
  MB_ERR_RATE_LIMITED: spec({
    code: 'rate_limited',
    status: 429,
    message: 'Too many attempts; try again later',
  }),
  MB_ERR_DATABASE_UNAVAILABLE: spec({
    code: 'database_unavailable',
    status: 503,
    message: 'The database does not answer',
    fault: true,
  }),
  MB_ERR_INTERNAL: spec({
    code: 'internal_error',
    status: 500,
    message: 'Something went wrong on our side',
    fault: true,
  }),
});

export type ErrorName = keyof typeof ERRORS;

/** An error the service raises on purpose; the HTTP layer turns it into `{error: {code, message}}`. */
export class MailbeaconError extends Error {
  override readonly name = 'MailbeaconError';
  readonly errorName: ErrorName;
  readonly code: string;
  readonly status: number;
  readonly fault: boolean;

  /** Fastify and its plugins read `statusCode` off thrown errors. */
  get statusCode(): number {
    return this.status;
  }

  constructor(errorName: ErrorName, message?: string, options?: { cause?: unknown }) {
    const entry: ErrorSpec = ERRORS[errorName];
    super(message ?? entry.message, options);
    this.errorName = errorName;
    this.code = entry.code;
    this.status = entry.status;
    this.fault = entry.fault ?? false;
  }
}

export function fail(errorName: ErrorName, message?: string): never {
  throw new MailbeaconError(errorName, message);
}

export function isMailbeaconError(value: unknown): value is MailbeaconError {
  return value instanceof MailbeaconError;
}
