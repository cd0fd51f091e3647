import type { Language } from '../../i18n/index.js';

/** Where in the SMTP conversation a send failed. */
export type SmtpStage = 'connect' | 'tls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'unknown';

/** `deferred`: try again later (4xx, network, TLS). `rejected`: permanent (5xx, bad config). */
export type SmtpFailureKind = 'deferred' | 'rejected';

export interface SmtpFailureInit {
  kind: SmtpFailureKind;
  stage: SmtpStage;
  /** The failure explained to a person, in the language asked for (i18n's `delivery` area). */
  explain: (language: Language) => string;
  responseCode?: number;
  enhancedCode?: string;
  response?: string;
  code?: string;
  recipient?: string;
  refused?: readonly SmtpFailure[];
  cause?: unknown;
}

/**
 * The one shape every SMTP send failure takes, whatever produced it (a reply from the relay,
 * a refused connection, a TLS handshake). Built once, by toSmtpFailure, at the transport's
 * edge; nothing above it looks at nodemailer's errors.
 */
export class SmtpFailure extends Error {
  override readonly name = 'SmtpFailure';
  readonly kind: SmtpFailureKind;
  readonly stage: SmtpStage;
  /** The relay's reply code (e.g. 550), absent when it never answered. */
  readonly responseCode?: number;
  /** RFC 3463 enhanced status code from the reply (e.g. '5.1.1'), when the relay sent one. */
  readonly enhancedCode?: string;
  /** The relay's reply, as sent; '' when there was none (connection refused, timeout). */
  readonly response: string;
  /** nodemailer's or the system's error code (ECONNREFUSED, ETIMEDOUT, EAUTH, …), for logs. */
  readonly code?: string;
  /** The recipient the failure is about, when it is about one. */
  readonly recipient?: string;
  /** When every recipient was refused: one failure per recipient. */
  readonly refused?: readonly SmtpFailure[];
  /**
   * The failure explained to a person, in `language`: what a chat line or a delivery status
   * says. `message` is the English one, for logs and job rows, which speak English like the API.
   */
  readonly explain: (language: Language) => string;

  constructor(init: SmtpFailureInit) {
    super(init.explain('en'), init.cause === undefined ? undefined : { cause: init.cause });
    this.explain = init.explain;
    this.kind = init.kind;
    this.stage = init.stage;
    this.responseCode = init.responseCode;
    this.enhancedCode = init.enhancedCode;
    this.response = init.response ?? '';
    this.code = init.code;
    this.recipient = init.recipient;
    this.refused = init.refused;
  }

  /** The fields worth storing or logging (the cause is left out: it may be large). */
  toJSON(): Omit<SmtpFailureInit, 'cause' | 'refused' | 'explain'> & {
    message: string;
    refused?: unknown[];
  } {
    return {
      kind: this.kind,
      stage: this.stage,
      message: this.message,
      responseCode: this.responseCode,
      enhancedCode: this.enhancedCode,
      response: this.response,
      code: this.code,
      recipient: this.recipient,
      refused: this.refused?.map((f) => f.toJSON()),
    };
  }
}
