import type { FastifyBaseLogger } from 'fastify';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { listenSmtp, readData, type SmtpListener } from '../mail/index.js';
import type { SubmissionLogin } from './login.js';
import {
  authRequired,
  authUnavailable,
  badCredentials,
  refusalOf,
  SmtpRefusal,
  tooBig,
} from './refusal.js';
import { SubmissionSmtpServer } from './submission-connection.js';
import type { SubmissionTls } from './tls-files.js';

export interface SubmissionServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the one taken is returned. */
  readonly port: number;
  readonly tls: SubmissionTls;
  /** The largest mail taken, in bytes (SIZE, RFC 1870); bigger ones get 552 5.3.4. */
  readonly maxBytes: number;
  readonly log: FastifyBaseLogger;
  /** Checks AUTH's username and password: the login, or undefined (535 5.7.8). */
  authenticate(username: string, password: string): Promise<SubmissionLogin | undefined>;
  /**
   * Takes one mail: resolves with the text of the 250 reply once the mail is safely a message;
   * throws an SmtpRefusal, or anything else (said by refusalOf).
   */
  submit(login: SubmissionLogin, raw: Buffer, envelopeTo: string[]): Promise<string>;
}

export type SubmissionServer = SmtpListener;

/** Reads the whole mail, then answers once `submit` is done (250), or with its refusal. */
function receive(
  options: Pick<SubmissionServerOptions, 'submit' | 'log'>,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  callback: (err?: Error | null, message?: string) => void,
): void {
  readData(stream).then(
    (raw) => {
      // smtp-server answers 552 5.3.4 itself (rejectOversized); this only stops the work.
      if (raw === undefined) return callback(tooBig('The message is too large'));
      const login = session.user as SubmissionLogin | undefined;
      if (!login) return callback(authRequired());
      const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
      options.submit(login, raw, envelopeTo).then(
        (reply) => callback(null, reply),
        (error: unknown) => {
          const refusal = refusalOf(error);
          if (refusal.responseCode < 500 && !(error instanceof SmtpRefusal)) {
            options.log.error(
              { err: error, userId: login.userId },
              'submission: a mail could not be taken',
            );
          }
          callback(refusal);
        },
      );
    },
    () => callback(refusalOf(undefined)),
  );
}

/**
 * The SMTP submission server (RFC 6409): STARTTLS with `tls` (RFC 3207),
 * AUTH PLAIN and LOGIN (RFC 4954) required before MAIL (530 5.7.0), in clear only from loopback
 * (538 5.7.11), SIZE `maxBytes` (552 5.3.4), enhanced status codes (RFC 2034, RFC 3463). No
 * relaying without a login, no DSN. Not listening yet: startSubmissionServer listens.
 */
export function createSubmissionSmtpServer(
  options: Omit<SubmissionServerOptions, 'host' | 'port'>,
): SubmissionSmtpServer {
  return new SubmissionSmtpServer({
    logger: false,
    banner: 'Mailbeacon mail submission',
    key: options.tls.key,
    cert: options.tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    // The connection decides who may log in without TLS (submission-connection.ts).
    allowInsecureAuth: true,
    authOptional: false,
    authRequiredMessage: authRequired().message,
    size: options.maxBytes,
    rejectOversized: true,
    // smtp-server hides them unless told: RFC 2034 codes on every reply, ours included.
    hideENHANCEDSTATUSCODES: false,
    hideDSN: true,
    disableReverseLookup: true,
    closeTimeout: 2000,
    onAuth(auth, _session, callback) {
      if (auth.method !== 'PLAIN' && auth.method !== 'LOGIN') return callback(badCredentials());
      options.authenticate(auth.username ?? '', auth.password ?? '').then(
        (login) => (login ? callback(null, { user: login }) : callback(badCredentials())),
        (error: unknown) => {
          options.log.error({ err: error }, 'submission: a login could not be checked');
          callback(authUnavailable());
        },
      );
    },
    onMailFrom(_address, session, callback) {
      callback(session.user ? null : authRequired());
    },
    onData(stream, session, callback) {
      receive(options, stream, session, callback);
    },
  });
}

/** The submission server (createSubmissionSmtpServer) listening on `host:port`. */
export function startSubmissionServer(options: SubmissionServerOptions): Promise<SubmissionServer> {
  return listenSmtp(
    createSubmissionSmtpServer(options),
    options,
    'SMTP submission',
    'set SUBMISSION_PORT to a free port, or 0 to turn submission off',
  );
}
