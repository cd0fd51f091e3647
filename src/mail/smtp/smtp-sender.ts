import { pipeline, type Readable, Transform } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type { OutboundPolicy } from '../../outbound/index.js';
import { pinnedRelay } from './pinned-relay.js';
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
  /**
   * Sends `raw`, the message's RFC 5322 bytes, as they are to `envelope`; throws an SmtpFailure
   * when nobody got it. A stream is read as the relay takes it, never whole (so no SIZE= is
   * announced: the relay's limit applies at the end of DATA), and is consumed or destroyed by
   * the time the send settles. A stream that fails midway fails the send (deferred, code
   * ESTREAM) and the connection is dropped before the end of DATA: the relay keeps nothing.
   */
  send(envelope: SmtpEnvelope, raw: Buffer | Readable): Promise<SmtpSent>;
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
  /**
   * A relay a workspace configured: before every connection its host is resolved and checked
   * against the outbound policy (ALLOW_PRIVATE_NETWORKS), and the connection goes to the checked
   * address (TLS still verifies the name). A refused host fails the send (rejected, code
   * EOUTBOUNDFORBIDDEN); one that does not resolve is deferred (EDNS). Not with `pool`.
   */
  outbound?: OutboundPolicy;
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
  if (pool && options.outbound) {
    throw new TypeError('A pooled SMTP sender cannot check its relay before each connection');
  }
  const tls: ConnectionOptions = {
    ...options.tls,
    ...(target.insecureTls ? { rejectUnauthorized: false } : {}),
  };
  // The servername, when set, is what TLS verifies and sends as SNI (the host is then an address).
  const transportFor = ({ host, servername }: { host: string; servername?: string }) =>
    nodemailer.createTransport({
      host,
      port: target.port,
      secure: target.secure,
      requireTLS: target.requireTls,
      auth: target.auth,
      tls: servername === undefined ? tls : { ...tls, servername },
      name: options.name,
      connectionTimeout: options.connectionTimeoutMs ?? 30_000,
      greetingTimeout: options.greetingTimeoutMs ?? 30_000,
      socketTimeout: options.socketTimeoutMs ?? 300_000,
      logger: false,
      ...(pool ? { pool: true as const, ...pool } : {}),
    });
  // A checked relay gets a transport per send, made for the address just checked.
  const shared = options.outbound ? undefined : transportFor({ host: target.host });
  const outbound = options.outbound;
  let closed = false;

  return {
    relay: target.redacted,
    async send(envelope, raw) {
      const context = {
        relay: target.redacted,
        from: envelope.from,
        recipient: envelope.to.length === 1 ? envelope.to[0] : undefined,
      };
      if (closed) {
        if (!Buffer.isBuffer(raw)) raw.destroy();
        throw new Error(`SMTP sender for ${target.redacted} is closed`);
      }
      const message = Buffer.isBuffer(raw) ? { raw, head: () => raw } : withHead(raw);
      let transport = shared;
      try {
        transport ??= transportFor(await pinnedRelay(target.host, outbound!));
        const info = await transport.sendMail({
          envelope: { from: envelope.from, to: envelope.to },
          raw: message.raw,
        });
        const rejectedErrors = (info as { rejectedErrors?: unknown[] }).rejectedErrors ?? [];
        return {
          response: info.response,
          messageId: messageIdOf(message.head()),
          accepted: info.accepted.map(String),
          refused: rejectedErrors.map((e) =>
            toSmtpFailure(e, { ...context, recipient: undefined }),
          ),
        };
      } catch (error) {
        throw toSmtpFailure(error, context);
      } finally {
        // Read to the end when sent; otherwise its sources (files, blob streams) are released.
        if (!Buffer.isBuffer(message.raw)) message.raw.destroy();
        if (transport !== shared) transport?.close();
      }
    },
    async close() {
      closed = true;
      shared?.close();
    },
  };
}

// nodemailer cannot see inside a raw message, so the id comes from the header block itself.
function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>\s]+>)/im.exec(head.replace(/\r?\n[ \t]+/g, ' '))?.[1];
}

/** Header blocks larger than this are not kept whole for the Message-ID (it is then absent). */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * `source` passed on unchanged, keeping the first bytes, up to the end of the header block (at
 * most MAX_HEAD_BYTES), as they go by: the Message-ID is read from them after the send. An
 * error of `source` fails the stream returned; destroying that one destroys `source`.
 */
function withHead(source: Readable): { raw: Readable; head: () => Buffer } {
  let head = Buffer.alloc(0);
  let complete = false;
  const keep = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!complete) {
        head = Buffer.concat([head, chunk]).subarray(0, MAX_HEAD_BYTES);
        complete = head.includes('\r\n\r\n') || head.length === MAX_HEAD_BYTES;
      }
      done(null, chunk);
    },
  });
  return { raw: pipeline(source, keep, () => {}), head: () => head };
}
