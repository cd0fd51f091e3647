import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import {
  type DevSmtpMessage,
  type DevSmtpServer,
  startDevSmtpServer,
} from '../../../src/mail/dev-smtp/index.js';
import { type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import { createSmtpSender, SmtpFailure } from '../../../src/mail/smtp/index.js';

/** The whole of streamMime's bytes. */
const mimeBytes = (copy: MailCopy) => buffer(streamMime(copy));

const MAX_BYTES = 64 * 1024;

describe('dev inbox SMTP server', () => {
  let server: DevSmtpServer;
  let received: DevSmtpMessage[] = [];
  // What onMessage does with the next message; tests swap it to simulate a storage failure.
  let store: (message: DevSmtpMessage) => Promise<void> = async (message) => {
    received.push(message);
  };

  before(async () => {
    server = await startDevSmtpServer({
      host: '127.0.0.1',
      port: 0,
      maxBytes: MAX_BYTES,
      onMessage: (message) => store(message),
    });
  });
  after(() => server.close());

  function url(): string {
    return `smtp://127.0.0.1:${server.port}`;
  }

  test('port 0 picks a free port and reports it', () => {
    assert.ok(Number.isInteger(server.port) && server.port > 0, String(server.port));
  });

  test('a message arrives in onMessage byte for byte, with its envelope', async () => {
    received = [];
    const raw = await mimeBytes({
      from: { email: 'me@mailbeacon.test', name: 'Mário' },
      to: [{ email: 'anna@example.org' }],
      cc: [],
      subject: 'Dev inbox ☕',
      html: `<p>${'.leading dot\r\n'.repeat(3)}</p>`,
      text: '.leading dot on a line of its own\r\n.\r\n..\r\n',
      attachments: [
        {
          filename: 'a.bin',
          contentType: 'application/octet-stream',
          content: Buffer.alloc(5000, 7),
        },
      ],
      inline: [],
      messageId: '<dev-1@mailbeacon.test>',
      date: new Date('2026-01-01T00:00:00Z'),
    });
    const sender = createSmtpSender(url());
    const sent = await sender.send(
      { from: 'me@mailbeacon.test', to: ['anna@example.org', 'bcc-only@example.net'] },
      raw,
    );
    await sender.close();
    assert.match(sent.response, /^250 2\.\d\.\d /);
    assert.equal(received.length, 1);
    const [message] = received;
    assert.deepEqual(message?.envelope, {
      from: 'me@mailbeacon.test',
      to: ['anna@example.org', 'bcc-only@example.net'],
    });
    // streamMime ends its output with CRLF, so nothing was added on the way.
    assert.ok(raw.subarray(-2).equals(Buffer.from('\r\n')));
    assert.ok(message?.raw.equals(raw), 'the raw message changed in transit');
  });

  test('a message not ending in CRLF gets exactly one CRLF added, nothing else', async () => {
    received = [];
    const raw = Buffer.from('Subject: no final newline\r\n\r\n.starts with a dot\r\nlast line');
    const sender = createSmtpSender(url());
    await sender.send({ from: '', to: ['x@example.org'] }, raw);
    await sender.close();
    assert.deepEqual(received[0]?.raw, Buffer.concat([raw, Buffer.from('\r\n')]));
    assert.equal(received[0]?.envelope.from, '', 'the null sender arrives as an empty string');
  });

  test('nodemailer with any login, or none, is accepted', async () => {
    received = [];
    for (const auth of [{ user: 'whoever', pass: 'whatever' }, undefined]) {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: server.port,
        secure: false,
        auth,
        logger: false,
      });
      await transport.sendMail({
        from: 'Zoë <zoe@example.jp>',
        to: 'anna@example.org',
        subject: 'via nodemailer',
        text: 'hi',
      });
      transport.close();
    }
    assert.equal(received.length, 2);
    const parsed = await simpleParser(received[0]!.raw);
    assert.equal(parsed.subject, 'via nodemailer');
    assert.deepEqual(parsed.from?.value, [{ address: 'zoe@example.jp', name: 'Zoë' }]);
  });

  test('an oversized message is refused with 552 and never reaches onMessage', async () => {
    received = [];
    const raw = Buffer.from(
      `Subject: big\r\n\r\n${`${'x'.repeat(76)}\r\n`.repeat(Math.ceil(MAX_BYTES / 78) + 10)}`,
    );
    const sender = createSmtpSender(url());
    const error = await sender
      .send({ from: 'me@mailbeacon.test', to: ['a@example.org'] }, raw)
      .then(
        () => assert.fail('the oversized message was accepted'),
        (e: unknown) => e,
      );
    await sender.close();
    assert.ok(error instanceof SmtpFailure);
    assert.equal(error.kind, 'rejected');
    assert.equal(error.responseCode, 552);
    assert.equal(error.enhancedCode, '5.3.4');
    assert.match(error.response, /maximum message size 65536/);
    assert.equal(received.length, 0);
  });

  test('onMessage throwing gives the client a 451, and its retry is stored', async () => {
    received = [];
    store = async () => {
      throw new Error('database is locked');
    };
    const raw = Buffer.from('Subject: retry me\r\n\r\nbody\r\n');
    const sender = createSmtpSender(url());
    const error = await sender
      .send({ from: 'me@mailbeacon.test', to: ['a@example.org'] }, raw)
      .then(
        () => assert.fail('the message was accepted although it was not stored'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof SmtpFailure);
    assert.equal(error.kind, 'deferred');
    assert.equal(error.stage, 'data');
    assert.equal(error.responseCode, 451);
    assert.equal(error.enhancedCode, '4.3.0');
    assert.match(error.response, /could not store the message \(database is locked\)/);

    store = async (message) => {
      received.push(message);
    };
    await sender.send({ from: 'me@mailbeacon.test', to: ['a@example.org'] }, raw);
    await sender.close();
    assert.deepEqual(received[0]?.raw, raw);
  });

  test('a port already taken is refused with a message naming it', async () => {
    await assert.rejects(
      startDevSmtpServer({
        host: '127.0.0.1',
        port: server.port,
        maxBytes: MAX_BYTES,
        onMessage: async () => {},
      }),
      { message: new RegExp(`cannot listen on 127\\.0\\.0\\.1:${server.port}.*DEV_SMTP_PORT`) },
    );
  });
});

describe('dev inbox SMTP server: close', () => {
  test('close() stops accepting connections and can be called twice', async () => {
    const server = await startDevSmtpServer({
      host: '127.0.0.1',
      port: 0,
      maxBytes: 1024,
      onMessage: async () => {},
    });
    await Promise.all([server.close(), server.close()]);
    const sender = createSmtpSender(`smtp://127.0.0.1:${server.port}`);
    const error = await sender.send({ from: '', to: ['a@example.org'] }, Buffer.from('x\r\n')).then(
      () => assert.fail('a closed server took a message'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SmtpFailure);
    assert.equal(error.stage, 'connect');
  });
});
