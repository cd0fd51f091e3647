import { isIP } from 'node:net';
import { ImapFlow } from 'imapflow';
import { canonicalHost, checkOutboundHost, type OutboundPolicy } from '../outbound/index.js';
import type { MailboxLogin } from '../workspace/index.js';

/** How long a connection may take to open (DNS, TCP, TLS), in ms. */
const CONNECTION_TIMEOUT_MS = 20_000;
/** How long the server may take to greet, in ms. */
const GREETING_TIMEOUT_MS = 16_000;
/**
 * How long IDLE runs before the watcher renews it, in ms: RFC 2177 §3 asks clients to re-issue
 * it at least every 29 minutes, as servers may end an IDLE silent for 30. The watcher renews it
 * itself (not imapflow's maxIdleTime), so that each renewal also reads the INBOX again by UID.
 */
export const IDLE_RENEW_MS = 10 * 60_000;
/**
 * How long a login, an append or a folder listing may go without a byte from the server, in ms.
 * A server that greets and then says nothing held a settings save (and every workspace's Sent
 * copies behind it) for imapflow's default of 5 minutes; an IDLE watcher keeps that default.
 */
export const COMMAND_TIMEOUT_MS = 30_000;

/** Why a connection to a mailbox failed, in words fixed here (never the server's, never a secret). */
export type MailboxProblem =
  | 'login_failed'
  | 'forbidden'
  | 'unresolvable'
  | 'unreachable'
  | 'tls'
  | 'no_sent_folder'
  | 'protocol'
  | 'no_password';

/** A failure to use a mailbox, with its kind; `message` is safe to show and to log. */
export class MailboxError extends Error {
  override readonly name = 'MailboxError';
  readonly problem: MailboxProblem;
  constructor(problem: MailboxProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** The account a position and a status belong to: `user@host:port`. */
export function accountOf(login: Pick<MailboxLogin, 'username' | 'host' | 'port'>): string {
  return `${login.username}@${canonicalHost(login.host)}:${login.port}`;
}

/** The error code strings Node and imapflow give TLS failures. */
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH|STARTTLS_)/;

/** Each failure imapflow and Node name by a code, worded for what happened. */
const BY_CODE: Readonly<Record<string, readonly [MailboxProblem, string]>> = {
  ECONNREFUSED: ['unreachable', 'the IMAP server refused the connection'],
  CONNECT_TIMEOUT: ['unreachable', 'the IMAP server did not accept the connection in time'],
  ETIMEDOUT: ['unreachable', 'the IMAP server did not accept the connection in time'],
  // A plain connection to a port that expects TLS at once gets no greeting: the likely cause,
  // said as a hint, since the greeting itself is what did not come.
  GREETING_TIMEOUT: [
    'unreachable',
    'the IMAP server accepted the connection but sent no greeting in time (a port that expects TLS from the start stays silent: check the port and security)',
  ],
  ETIMEOUT: ['unreachable', 'the IMAP server stopped answering'],
  UPGRADE_TIMEOUT: ['tls', 'the IMAP server did not finish the STARTTLS handshake in time'],
  ENOTFOUND: ['unresolvable', 'the IMAP server’s host name does not resolve'],
  EAI_AGAIN: ['unresolvable', 'the IMAP server’s host name does not resolve'],
  NoConnection: ['unreachable', 'the connection to the IMAP server was lost'],
  ECONNRESET: ['unreachable', 'the connection to the IMAP server was lost'],
  EPIPE: ['unreachable', 'the connection to the IMAP server was lost'],
};

/**
 * An imapflow or socket error as a MailboxError worded for what happened: a refused login
 * (imapflow's `authenticationFailed`, RFC 9051 §6.2.3 NO/BAD), a failure named by its code (a
 * connection refused or not accepted in time, no greeting, a server that stopped answering), a
 * TLS or certificate failure, STARTTLS required and not offered. The code decides before any
 * text: imapflow's greeting timeout on a plain connection asks "Maybe should use TLS?", which
 * made a silent server read as a TLS failure. The server's words are never kept: a service that
 * is not IMAP would otherwise have its banner shown (the relays' lesson, issue 14).
 */
export function toMailboxError(error: unknown): MailboxError {
  if (error instanceof MailboxError) return error;
  const e = (error ?? {}) as {
    authenticationFailed?: boolean;
    tlsFailed?: boolean;
    code?: string;
    message?: string;
  };
  if (e.authenticationFailed) {
    return new MailboxError('login_failed', 'the IMAP server refused the user name or password');
  }
  const code = String(e.code ?? '');
  const known = BY_CODE[code];
  if (known) return new MailboxError(known[0], known[1]);
  const message = String(e.message ?? '');
  if (e.tlsFailed && /does not support STARTTLS/i.test(message)) {
    return new MailboxError(
      'tls',
      'the IMAP server does not offer STARTTLS, which the security setting "starttls" requires',
    );
  }
  if (e.tlsFailed || TLS_CODES.test(code) || /certificate|\bTLS\b|\bSSL\b/i.test(message)) {
    return new MailboxError(
      'tls',
      `the TLS connection to the IMAP server failed (${code || 'TLS'})`,
    );
  }
  return new MailboxError(
    'protocol',
    `the IMAP server did not answer as expected${code ? ` (${code})` : ''}`,
  );
}

/**
 * Opens a logged-in IMAP connection to the mailbox (RFC 9051). The host goes through the
 * outbound policy first, as a relay's does (src/outbound, issue 14): every address it resolves
 * to is checked and the connection goes to the first one checked — never to the name again, so
 * a rebinding DNS cannot slip a private address in —, with the name kept for SNI and the
 * certificate check. `security`: `tls` is implicit TLS (993), `starttls` requires STARTTLS (a
 * server without it is refused rather than sent the password in clear), `none` uses neither.
 * Throws a MailboxError (never with the password in it).
 */
export async function openMailbox(
  login: MailboxLogin,
  policy: OutboundPolicy,
  /** Silence allowed on the connection, in ms (COMMAND_TIMEOUT_MS for a short errand). */
  socketTimeoutMs?: number,
): Promise<ImapFlow> {
  const check = await checkOutboundHost(login.host, policy);
  if (!check.ok) throw new MailboxError(check.problem, check.reason);
  const name = canonicalHost(login.host);
  const address = check.addresses?.[0] ?? name;
  const client = new ImapFlow({
    host: address,
    port: login.port,
    secure: login.security === 'tls',
    doSTARTTLS:
      login.security === 'starttls' ? true : login.security === 'none' ? false : undefined,
    // SNI carries names only (RFC 6066 §3).
    ...(isIP(name) ? {} : { servername: name }),
    auth: { user: login.username, pass: login.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    ...(socketTimeoutMs === undefined ? {} : { socketTimeout: socketTimeoutMs }),
    clientInfo: { name: 'Mailbeacon' },
  });
  // A socket error after connect() is reported by 'error' and 'close': without a listener it
  // would be thrown as an uncaught exception.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toMailboxError(error);
  }
  return client;
}

/** Logs out, or drops the connection when the server does not answer (never throws). */
export async function closeMailbox(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
  } catch {
    // Going away anyway.
  } finally {
    client.close();
  }
}
