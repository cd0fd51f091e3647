import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type { SmtpFailure } from './smtp-failure.js';
import { parseSmtpUrl } from './smtp-url.js';
import { toSmtpFailure } from './to-smtp-failure.js';

export interface SmtpEnvelope {
  /** MAIL FROM; '' for the null sender. */
  from: string;
  /** RCPT TO, one command each. */
  to: string[];
}

export interface SmtpSent {
  /** The relay's final reply, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
  response: string;
  /** The Message-ID header of the message sent, when it has one. */
  messageId?: string;
  /** Recipients the relay took. */
  accepted: string[];
  /** Recipients the relay refused while taking the others (each with its own kind). */
  refused: SmtpFailure[];
}

export interface SmtpSender {
  /** The relay, with the password masked: for logs and messages. */
  readonly relay: string;
  /** Sends `raw` as is to `envelope`; throws an SmtpFailure when nobody got it. */
  send(envelope: SmtpEnvelope, raw: Buffer): Promise<SmtpSent>;
  /** Closes pooled connections; sends after this throw. */
  close(): Promise<void>;
}

export interface SmtpSenderOptions {
  /** Host name for EHLO; defaults to the machine's host name. */
  name?: string;
  /** Time to establish the TCP connection (DNS included). Default 30 s. */
  connectionTimeoutMs?: number;
  /** Time for the greeting, and for a STARTTLS upgrade, after connecting. Default 30 s. */
  greetingTimeoutMs?: number;
  /** Inactivity allowed during the session; relays may scan a big message a while. Default 5 min. */
  socketTimeoutMs?: number;
  /** Extra Node TLS options (a private `ca`, `servername`, `minVersion`). */
  tls?: ConnectionOptions;
  /** Keep connections open and reuse them across sends (true: up to 5 connections). */
  pool?: boolean | { maxConnections?: number; maxMessages?: number };
}

/**
 * A sender for one relay, from its URL (see parseSmtpUrl): `smtp://` upgrades with STARTTLS
 * whenever the relay offers it (and fails rather than fall back if the upgrade fails),
 * `smtps://` is TLS throughout; `?tls=insecure` accepts a self-signed certificate, which is
 * otherwise a (deferred) TLS failure; `?tls=required` refuses plaintext.
 * Throws a TypeError at once for a bad URL; every send failure is an SmtpFailure.
 */
export function createSmtpSender(url: string, options: SmtpSenderOptions = {}): SmtpSender {
  const target = parseSmtpUrl(url);
  const pool = options.pool === true ? {} : options.pool || undefined;
  const tls: ConnectionOptions = {
    ...options.tls,
    ...(target.insecureTls ? { rejectUnauthorized: false } : {}),
  };
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: target.requireTls,
    auth: target.auth,
    tls,
    name: options.name,
    connectionTimeout: options.connectionTimeoutMs ?? 30_000,
    greetingTimeout: options.greetingTimeoutMs ?? 30_000,
    socketTimeout: options.socketTimeoutMs ?? 300_000,
    logger: false,
    ...(pool ? { pool: true as const, ...pool } : {}),
  });
  let closed = false;

  return {
    relay: target.redacted,
    async send(envelope, raw) {
      const context = {
        relay: target.redacted,
        from: envelope.from,
        recipient: envelope.to.length === 1 ? envelope.to[0] : undefined,
      };
      if (closed) throw new Error(`SMTP sender for ${target.redacted} is closed`);
      try {
        const info = await transport.sendMail({
          envelope: { from: envelope.from, to: envelope.to },
          raw,
        });
        const rejectedErrors = (info as { rejectedErrors?: unknown[] }).rejectedErrors ?? [];
        return {
          response: info.response,
          messageId: messageIdOf(raw),
          accepted: info.accepted.map(String),
          refused: rejectedErrors.map((e) =>
            toSmtpFailure(e, { ...context, recipient: undefined }),
          ),
        };
      } catch (error) {
        throw toSmtpFailure(error, context);
      }
    },
    async close() {
      closed = true;
      transport.close();
    },
  };
}

// nodemailer cannot see inside a raw message, so the id comes from the header block itself.
function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>\s]+>)/im.exec(head.replace(/\r?\n[ \t]+/g, ' '))?.[1];
}
