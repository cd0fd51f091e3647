import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { listenSmtp, readData, type SmtpListener } from '../smtp-listener.js';

export interface DevSmtpMessage {
  /** The message exactly as received (dot-unstuffed, CRLF line ends, final CRLF included). */
  raw: Buffer;
  envelope: { from: string; to: string[] };
  /** What the session's login proved (`authenticate`'s answer); undefined without a login. */
  login?: string;
}

export interface DevSmtpServerOptions {
  host: string;
  /** 0 picks a free port; the one taken is returned. */
  port: number;
  /** Largest message taken, in bytes; bigger ones get 552 5.3.4 (SIZE is advertised too). */
  maxBytes: number;
  /** Stores a received message. Throwing makes the client retry later (451), nothing is lost. */
  onMessage(message: DevSmtpMessage): Promise<void>;
  /** How long close() lets open sessions finish before cutting them (421). Default 2 s. */
  closeTimeoutMs?: number;
  /**
   * Checks an AUTH login: what it proves (handed on as the message's `login`), or undefined to
   * refuse it (535). Unset: any login is taken and proves nothing. Sending without AUTH stays
   * allowed either way.
   */
  authenticate?(username: string, password: string): string | undefined;
}

export type DevSmtpServer = SmtpListener;

interface ReplyError extends Error {
  responseCode: number;
}

function replyError(responseCode: number, message: string): ReplyError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The dev inbox's SMTP side: a local catch-all. Plain SMTP only (no STARTTLS: there is no
 * certificate to offer, and a client offered one with a throwaway certificate would fail
 * verification), no login or one `authenticate` takes, every recipient accepted. A message is handed to
 * onMessage only once it has fully arrived, and the client gets 250 only after onMessage has
 * stored it.
 */
export async function startDevSmtpServer(options: DevSmtpServerOptions): Promise<DevSmtpServer> {
  const server = new SMTPServer({
    logger: false,
    banner: 'Mailbeacon dev inbox, catches all mail',
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: options.maxBytes,
    // smtp-server answers an oversized message with 552 and enhanced code 5.3.4 itself, so
    // onData need not decide; it only stops buffering the excess.
    rejectOversized: true,
    hideENHANCEDSTATUSCODES: false,
    closeTimeout: options.closeTimeoutMs ?? 2000,
    onAuth(auth, _session, callback) {
      if (!options.authenticate) return callback(null, { user: auth.username ?? 'anonymous' });
      const proved = options.authenticate(auth.username ?? '', auth.password ?? '');
      if (proved === undefined) return callback(replyError(535, 'Authentication failed'));
      callback(null, { user: proved });
    },
    onData(stream, session, callback) {
      receive(options, stream, session, callback);
    },
  });
  return listenSmtp(server, options, 'Dev inbox SMTP server', 'set DEV_SMTP_PORT to a free port');
}

/** Reads one message to its end, then answers 250 once onMessage has stored it (451 or 552 not). */
function receive(
  options: DevSmtpServerOptions,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  callback: (err?: Error | null, message?: string) => void,
): void {
  readData(stream).then(
    (raw) => {
      if (raw === undefined) {
        return callback(
          replyError(552, `Message too large: the limit is ${options.maxBytes} bytes`),
        );
      }
      deliver(options, raw, session).then(
        () => callback(null, 'Message accepted by the dev inbox'),
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          // Temporary on purpose: the sender keeps the message and tries again.
          callback(
            replyError(
              451,
              `The dev inbox could not store the message (${reason.slice(0, 200)}); try again later`,
            ),
          );
        },
      );
    },
    (err: Error) =>
      callback(replyError(451, `Could not receive the message (${err.message}); try again later`)),
  );
}

function deliver(
  options: DevSmtpServerOptions,
  raw: Buffer,
  session: SMTPServerSession,
): Promise<void> {
  const envelope = {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  };
  // Only what `authenticate` proved is a login; without it any name was taken.
  const login = options.authenticate && typeof session.user === 'string' ? session.user : undefined;
  // A synchronous throw in onMessage becomes a rejection like any other.
  return Promise.resolve().then(() => options.onMessage({ raw, envelope, login }));
}
