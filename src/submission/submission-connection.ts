import type { Socket } from 'node:net';
import { BlockList, isIPv4 } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SMTPServer, type SMTPServerEvents } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { encryptionRequired } from './refusal.js';

/** An RFC 3463 enhanced status code at the start of a reply's text, and the rest. */
const LEADING_CODE = /^([245]\.\d{1,3}\.\d{1,3}) (.*)$/s;
const ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `address` (as smtp-server reports it, IPv4-mapped forms undone) is this machine's. */
export function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return LOOPBACK.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
}

/**
 * smtp-server's connection with the two things submission needs that its options cannot say:
 *
 * - a refusal's own enhanced status code (RFC 3463): smtp-server picks one from the reply code
 *   alone (554 → 5.6.0), so `554 5.7.1` for a From the user may not use could not be said. A
 *   refusal's text that starts with an enhanced code of the same class (SmtpRefusal) has that
 *   code put in its place instead.
 * - AUTH in clear only from loopback (RFC 4954 §4: a server may refuse a mechanism without
 *   encryption): from anywhere else, AUTH before STARTTLS is `538 5.7.11`, and the credentials
 *   are never looked at. smtp-server's own switch (allowInsecureAuth) is all or nothing.
 */
class SubmissionConnection extends SMTPConnection {
  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    const own = typeof data === 'string' && code >= 400 ? LEADING_CODE.exec(data) : null;
    if (own && own[1]![0] === String(code)[0]) super.send(code, own[2], own[1]);
    else super.send(code, data, context);
  }

  override _getEnhancedStatusCode(code: number, context?: string | false): string {
    if (typeof context === 'string' && ENHANCED_CODE.test(context)) return context;
    return super._getEnhancedStatusCode(code, context);
  }

  override handler_AUTH(command: Buffer, callback: () => void): void {
    if (!this.secure && !isLoopback(this.remoteAddress)) {
      this.send(538, encryptionRequired().message);
      callback();
    } else super.handler_AUTH(command, callback);
  }
}

/** smtp-server's server, making SubmissionConnections (the same steps as its own `connect`). */
export class SubmissionSmtpServer extends SMTPServer {
  override connect(socket: Socket | TLSSocket, socketOptions?: object | null): void {
    const connection = new SubmissionConnection(this, socket, socketOptions);
    this.connections.add(connection);
    connection.on('error', (err: Error) => this._onError(err));
    connection.on('connect', (data: SMTPServerEvents['connect'][0]) => this._onClientConnect(data));
    connection.init();
  }
}
