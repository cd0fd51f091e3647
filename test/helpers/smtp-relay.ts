/**
 * A real SMTP relay on loopback for integration tests: it records every message it accepts
 * (raw bytes, envelope, and mailparser's reading of it) and can be told to refuse at a given
 * stage, to require a login, or to speak TLS with smtp-server's built-in test certificate.
 *
 *   const relay = await startTestRelay({ rcpt: { 'gone@example.org': reply(550, '5.1.1 No such user') } });
 *   await send(relay.url, …);
 *   const [message] = await relay.waitFor(1);
 *   assert.equal(message.parsed.subject, 'Hi');
 *   await relay.close();
 *
 * Replies are written exactly as given (`${code} ${message}`, the relay adds no enhanced code
 * of its own), so tests can assert on the text the sender saw.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** An SMTP reply to give instead of accepting. `times`: only for the first N matching commands. */
export interface RelayReply {
  code: number;
  message: string;
  times?: number;
}

export function reply(code: number, message: string, times?: number): RelayReply {
  return times === undefined ? { code, message } : { code, message, times };
}

export interface RelayRules {
  /** Reply to MAIL FROM (any sender). */
  mailFrom?: RelayReply;
  /** Reply to RCPT TO, by recipient address (compared case-insensitively); `'*'` matches all. */
  rcpt?: Record<string, RelayReply>;
  /** Reply at the end of DATA, once the whole message has arrived. */
  data?: RelayReply;
}

export interface TestRelayOptions extends RelayRules {
  /** Require AUTH with exactly these credentials; anything else gets 535 5.7.8. */
  auth?: { user: string; pass: string };
  /** 'starttls': offer STARTTLS; 'implicit': TLS from the first byte (smtps). Default: plain. */
  tls?: 'starttls' | 'implicit';
  /** Advertised SIZE limit in bytes; bigger messages get 552. */
  size?: number;
  /** Listen on this port (a relay that comes back where it was); default: any free port. */
  port?: number;
  /**
   * Called with the number of messages accepted so far as each is recorded, before its 250 goes
   * out: a test can change the rules at an exact count (a relay that goes down after its 20th).
   */
  onAccepted?: (count: number) => void;
}

export interface RelayMessage {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  /** The user that logged in for this message, if any. */
  user?: string;
  /** Whether the session was encrypted (STARTTLS or implicit TLS). */
  secure: boolean;
}

export interface TestRelay {
  readonly host: string;
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` (or `smtps://` for implicit TLS), no credentials. */
  readonly url: string;
  /** The relay's URL with credentials (percent-encoded for you) and query parameters. */
  urlWith(parts: { user?: string; pass?: string; query?: string }): string;
  /** Messages accepted so far, in arrival order. */
  readonly messages: readonly RelayMessage[];
  /** Every login attempt, successful or not. */
  readonly logins: readonly { user: string; ok: boolean }[];
  /** Resolves once `count` messages have been accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<RelayMessage[]>;
  /** Replaces the refusal rules (mailFrom, rcpt, data) from now on. */
  setRules(rules: RelayRules): void;
  /** Forgets recorded messages and logins. */
  reset(): void;
  close(): Promise<void>;
}

interface SmtpReplyError extends Error {
  responseCode: number;
}

function replyError(r: RelayReply): SmtpReplyError {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

export async function startTestRelay(options: TestRelayOptions = {}): Promise<TestRelay> {
  const messages: RelayMessage[] = [];
  const logins: { user: string; ok: boolean }[] = [];
  const waiters = new Set<() => void>();
  let rules: RelayRules = { mailFrom: options.mailFrom, rcpt: options.rcpt, data: options.data };
  // How often each rule has fired, for `times`.
  const used = new Map<RelayReply, number>();

  function take(r: RelayReply | undefined): RelayReply | undefined {
    if (!r) return undefined;
    const count = used.get(r) ?? 0;
    if (r.times !== undefined && count >= r.times) return undefined;
    used.set(r, count + 1);
    return r;
  }

  function rcptRule(address: string): RelayReply | undefined {
    const table = rules.rcpt ?? {};
    const lower = address.toLowerCase();
    const key = Object.keys(table).find((k) => k.toLowerCase() === lower);
    return take(key ? table[key] : table['*']);
  }

  const server = new SMTPServer({
    logger: false,
    secure: options.tls === 'implicit',
    disabledCommands: options.tls === 'starttls' ? [] : ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    size: options.size,
    rejectOversized: options.size !== undefined,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      const ok =
        !options.auth || (user === options.auth.user && auth.password === options.auth.pass);
      logins.push({ user, ok });
      if (!ok) return callback(replyError(reply(535, '5.7.8 Authentication credentials invalid')));
      callback(null, { user });
    },
    onMailFrom(_address, _session, callback) {
      const r = take(rules.mailFrom);
      callback(r ? replyError(r) : null);
    },
    onRcptTo(address, _session, callback) {
      const r = rcptRule(address.address);
      callback(r ? replyError(r) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(new Error('too big'));
        const r = take(rules.data);
        if (r) return callback(replyError(r));
        const raw = Buffer.concat(chunks);
        record(raw, session).then(
          () => callback(null, 'OK: queued by the test relay'),
          (err: unknown) => callback(err as Error),
        );
      });
    },
  });
  // Client-side socket errors (a test killing a connection) must not crash the test run.
  server.on('error', () => {});

  async function record(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    const parsed = await simpleParser(raw);
    const user = typeof session.user === 'string' ? session.user : undefined;
    messages.push({ raw, envelope, parsed, user, secure: session.secure });
    options.onAccepted?.(messages.length);
    for (const wake of waiters) wake();
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  const scheme = options.tls === 'implicit' ? 'smtps' : 'smtp';
  const host = '127.0.0.1';

  return {
    host,
    port,
    url: `${scheme}://${host}:${port}`,
    urlWith({ user, pass, query }) {
      const userinfo =
        user === undefined
          ? ''
          : `${encodeURIComponent(user)}${pass === undefined ? '' : `:${encodeURIComponent(pass)}`}@`;
      return `${scheme}://${userinfo}${host}:${port}${query ? `?${query}` : ''}`;
    },
    messages,
    logins,
    waitFor(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice(0, count));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `test relay: waited ${timeoutMs} ms for ${count} message(s), got ${messages.length}`,
            ),
          );
        }, timeoutMs);
        function check(): void {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice(0, count));
        }
        waiters.add(check);
      });
    },
    setRules(next) {
      rules = { ...next };
    },
    reset() {
      messages.length = 0;
      logins.length = 0;
      used.clear();
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
