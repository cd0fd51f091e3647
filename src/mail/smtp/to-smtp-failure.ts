import { type Language, type SmtpFailureFacts, type Wording, wording } from '../../i18n/index.js';
import { SmtpFailure, type SmtpFailureKind, type SmtpStage } from './smtp-failure.js';

/** The code of a connection the outbound policy refused (outbound's ForbiddenTargetError). */
export const OUTBOUND_FORBIDDEN = 'EOUTBOUNDFORBIDDEN';

/** What the sender knows about the attempt, to make the message name its cause. */
export interface FailureContext {
  /** The relay, redacted (`smtp://user:***@host:587`). */
  relay?: string;
  from?: string;
  recipient?: string;
}

/** The fields nodemailer's SMTP client puts on its errors (lib/smtp-connection `_formatError`). */
interface NodemailerSmtpError {
  message?: string;
  code?: string;
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  recipient?: string;
  rejectedErrors?: unknown[];
}

// Errors without a reply that retrying cannot fix: bad credentials or auth setup (EAUTH,
// ENOAUTH), an address nodemailer refuses to put in a command (EENVELOPE), a message over the
// relay's advertised SIZE (EMESSAGE), bad options. Everything else without a reply, network
// and TLS trouble included, is worth another try.
const PERMANENT_WITHOUT_REPLY = new Set([
  OUTBOUND_FORBIDDEN,
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'EENVELOPE',
  'EMESSAGE',
  'ECONFIG',
  'EREQUIRETLS',
]);

const CERTIFICATE_TROUBLE = /certificate|self[- ]signed|unable to verify|altnames|expired/i;

// A failed TLS handshake reaches nodemailer as a socket error (ESOCKET on 'CONN'); Node's or
// OpenSSL's own code says it was TLS: a certificate check or the protocol itself.
const TLS_SYSTEM_CODE =
  /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|EPROTO$)/;

/**
 * Turns whatever nodemailer threw into an SmtpFailure; an SmtpFailure passes through as is.
 * The reply code decides the kind (4xx deferred, 5xx rejected); without one, the error code.
 * The failure explains itself in any language (`explain`); its `message` is the English text.
 * Never throws.
 */
export function toSmtpFailure(error: unknown, context: FailureContext = {}): SmtpFailure {
  if (error instanceof SmtpFailure) return error;
  const err: NodemailerSmtpError =
    typeof error === 'object' && error !== null ? (error as NodemailerSmtpError) : {};
  // Whatever a non-SMTP service said (a banner, an HTTP answer) is not a reply: it is never
  // kept, so a relay setting cannot read another service's words back (SSRF).
  const response = smtpReply(err.response);
  const responseCode = response ? replyCode(response) : undefined;
  const enhancedCode = enhancedStatus(response);
  const stage = stageOf(err);
  const kind: SmtpFailureKind =
    responseCode !== undefined && responseCode >= 400
      ? responseCode >= 500
        ? 'rejected'
        : 'deferred'
      : PERMANENT_WITHOUT_REPLY.has(err.code ?? '')
        ? 'rejected'
        : 'deferred';
  // Only a refusal at RCPT TO is about one recipient; an auth or DATA failure is about them all.
  const recipient = stage === 'rcpt' ? (err.recipient ?? context.recipient) : undefined;
  const refused = Array.isArray(err.rejectedErrors)
    ? err.rejectedErrors.map((e) => toSmtpFailure(e, { ...context, recipient: undefined }))
    : undefined;
  const said = String(err.message ?? (error instanceof Error ? error.message : error));
  const detail = detailOf(response, err, stage, said);
  return new SmtpFailure({
    kind,
    stage,
    responseCode,
    enhancedCode,
    response,
    code: err.originalCode ?? err.code,
    recipient,
    refused: refused?.length ? refused : undefined,
    explain: explainer({
      kind,
      stage,
      responseCode,
      said,
      detail,
      err,
      context,
      recipient,
      refused,
    }),
    cause: error,
  });
}

/**
 * RFC 5321 §4.2: a reply is lines of a three-digit code (2xx to 5xx), then a space or a hyphen
 * and text (UTF-8 allowed since RFC 6531); no control characters (a tab, allowed, never seen).
 */
const REPLY_LINE = /^[2-5][0-5]\d(?:[ -]\P{Cc}*)?$/u;
/** Enough for any real reply's lines (each at most 512 octets, RFC 5321 §4.5.3.1.5). */
const MAX_REPLY_CHARS = 2000;

/** The relay's reply when `response` is one (every line shaped as RFC 5321 says), else ''. */
function smtpReply(response: unknown): string {
  if (typeof response !== 'string' || response.trim() === '') return '';
  const lines = response.trim().split(/\r?\n/);
  return lines.every((line) => REPLY_LINE.test(line))
    ? lines.join('\n').slice(0, MAX_REPLY_CHARS)
    : '';
}

/**
 * What the explanation says after the stage: the relay's reply when it gave one, our own
 * message for our own errors, else a fixed description of the cause (i18n's `causes`): the
 * error's text may quote what a non-SMTP service sent, or a certificate's names.
 */
function detailOf(
  response: string,
  err: NodemailerSmtpError,
  stage: SmtpStage,
  said: string,
): (language: Language) => string {
  if (response) return () => response;
  // Our own words: the message stream's error, the outbound policy's reason.
  if (err.code === 'ESTREAM') return () => said.trim();
  if (err.code === OUTBOUND_FORBIDDEN) {
    return (language) => wording(language).delivery.forbidden(said.trim());
  }
  const cause = causeOf(err, stage, said);
  return (language) => wording(language).delivery.causes[cause];
}

type Cause = keyof Wording['delivery']['causes'];

/** The cause of a failure without a reply, from the error's codes (never from remote text). */
function causeOf(err: NodemailerSmtpError, stage: SmtpStage, said: string): Cause {
  const code = err.code ?? '';
  const system = err.originalCode ?? '';
  if (code === 'EDNS' || /^(ENOTFOUND|EAI_AGAIN|ENODATA)$/.test(system)) return 'unresolved';
  if (system === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT' || system === 'ETIMEDOUT') return 'timeout';
  if (stage === 'tls') return CERTIFICATE_TROUBLE.test(said) ? 'certificate' : 'tls';
  if (code === 'EPROTOCOL') return 'notSmtp';
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2') return 'login';
  if (code === 'EENVELOPE') return 'envelope';
  if (code === 'EMESSAGE') return 'tooLarge';
  if (code === 'ECONNECTION' || /^(ECONNRESET|EPIPE)$/.test(system)) return 'closed';
  return 'failed';
}

function replyCode(response: string): number | undefined {
  const match = /^([2-5]\d\d)(?:[ -]|$)/.exec(response);
  return match ? Number(match[1]) : undefined;
}

function enhancedStatus(response: string): string | undefined {
  return /^[2-5]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})(?=\s|$)/.exec(response)?.[1];
}

// nodemailer names the command in flight ('CONN' for the connection itself, 'API' for checks
// made before anything is sent); its error code fills in where the command does not say.
function stageOf(err: NodemailerSmtpError): SmtpStage {
  const command = (err.command ?? '').toUpperCase();
  const code = err.code ?? '';
  if (code === 'ETLS' || command === 'STARTTLS') return 'tls';
  if (TLS_SYSTEM_CODE.test(err.originalCode ?? '')) return 'tls';
  if (command.startsWith('AUTH') || code === 'EAUTH' || code === 'ENOAUTH') return 'auth';
  if (command === 'MAIL FROM') return 'mail';
  if (command === 'RCPT TO') return 'rcpt';
  if (command === 'DATA') return 'data';
  if (command === 'API' && code === 'EENVELOPE') {
    return /sender/i.test(err.message ?? '') ? 'mail' : 'rcpt';
  }
  if (command === 'API' && code === 'EMESSAGE') return 'data';
  if (['CONN', 'EHLO', 'HELO', 'LHLO'].includes(command)) return 'connect';
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY'].includes(code)) return 'connect';
  return 'unknown';
}

type Hint = keyof Wording['delivery']['hints'];

/** What the reader can do about it, when the failure has a known fix. */
function hintFor(f: {
  kind: SmtpFailureKind;
  stage: SmtpStage;
  responseCode: number | undefined;
  said: string;
  err: NodemailerSmtpError;
}): Hint | undefined {
  if (f.stage === 'auth' && f.kind === 'rejected') return 'checkLogin';
  if (f.err.command === 'STARTTLS' && f.kind === 'rejected') return 'noStarttls';
  if (f.stage === 'tls' && CERTIFICATE_TROUBLE.test(f.said)) return 'selfSigned';
  if (f.responseCode === 530) return 'loginRequired';
  return undefined;
}

/**
 * The failure's explanation in any language (the registry's `delivery` area): what failed at
 * which stage, the relay's reply or a fixed cause, whether retrying helps, and the hint if any.
 */
function explainer(f: {
  kind: SmtpFailureKind;
  stage: SmtpStage;
  responseCode: number | undefined;
  /** The error's own text: read for the hint, never shown. */
  said: string;
  detail: (language: Language) => string;
  err: NodemailerSmtpError;
  context: FailureContext;
  recipient: string | undefined;
  refused: SmtpFailure[] | undefined;
}): (language: Language) => string {
  const facts: SmtpFailureFacts = {
    relay: f.context.relay,
    systemCode: f.err.originalCode,
    from: f.context.from,
    recipient: f.recipient,
    everyRecipient: (f.refused?.length ?? 0) > 1,
  };
  const hint = hintFor(f);
  return (language) => {
    const words = wording(language).delivery;
    return words.smtpFailure(
      words.stages[f.stage](facts),
      f.detail(language),
      words.verdicts[f.kind],
      hint === undefined ? undefined : words.hints[hint],
    );
  };
}
