/**
 * AUTH in clear is for loopback only (538 5.7.11 from anywhere else, RFC 4954 §6). A test
 * cannot connect from a non-loopback address, so the submission server (built with the
 * options the service uses) is handed real loopback sockets the way a PROXY-protocol listener
 * hands them, with the peer's address it would read: one far away, one local.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { createLogger } from '../../../src/logger.js';
import { createSelfSigned, isLoopback, SubmissionLogin } from '../../../src/submission/index.js';
import { createSubmissionSmtpServer } from '../../../src/submission/submission-server.js';

describe('SMTP submission: AUTH needs TLS but from loopback', () => {
  const tls = createSelfSigned(['localhost', '127.0.0.1'], new Date());
  const logins: string[] = [];
  const smtp = createSubmissionSmtpServer({
    tls: { ...tls, fingerprint: '', source: 'generated' },
    maxBytes: 1024 * 1024,
    log: createLogger({ logLevel: 'silent', trackingIp: 'anonymize' }),
    async authenticate(username) {
      logins.push(username);
      return new SubmissionLogin('u1', 'mb_key');
    },
    async submit() {
      return 'Queued as message test';
    },
  });
  smtp.on('error', () => {});
  /** Where each accepted socket says its peer is. */
  let peer = '';
  let front: Server;
  let port = 0;

  before(async () => {
    front = createServer((socket) =>
      smtp.connect(socket, { remoteAddress: peer, remotePort: 40_000 }),
    );
    front.listen(0, '127.0.0.1');
    await once(front, 'listening');
    port = (front.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    front.close();
  });

  const transport = (startTls: boolean) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ...(startTls
        ? { requireTLS: true, tls: { ca: tls.cert, servername: 'localhost' } }
        : { ignoreTLS: true }),
      auth: { user: 'anna@example.com', pass: 'mb_key' },
      logger: false,
    });

  it('refuses AUTH before STARTTLS from a far client with 538 5.7.11, never looking at the credentials', async () => {
    peer = '198.51.100.7';
    logins.length = 0;
    const refused = await transport(false)
      .verify()
      .then(
        () => undefined,
        (error: { responseCode?: number; response?: string }) => error,
      );
    assert.equal(refused?.responseCode, 538);
    assert.match(String(refused?.response), /^538 5\.7\.11 Encryption required: use STARTTLS/);
    assert.deepEqual(logins, []);
  });

  it('takes AUTH from the far client once STARTTLS is up', async () => {
    peer = '198.51.100.7';
    logins.length = 0;
    assert.equal(await transport(true).verify(), true);
    assert.deepEqual(logins, ['anna@example.com']);
  });

  it('takes AUTH in clear from loopback, IPv4-mapped or IPv6', async () => {
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::1']) {
      peer = address;
      logins.length = 0;
      assert.equal(await transport(false).verify(), true, address);
      assert.deepEqual(logins, ['anna@example.com']);
    }
  });

  it('tells loopback from other addresses', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) {
      assert.equal(isLoopback(address), true, address);
    }
    for (const address of ['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '0.0.0.0', '::']) {
      assert.equal(isLoopback(address), false, address);
    }
  });
});
