import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import {
  createSmtpSender,
  SmtpFailure,
  type SmtpSenderOptions,
} from '../../../src/mail/smtp/index.js';
import { reply, startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';

/** The whole of streamMime's bytes. */
const mimeBytes = (copy: MailCopy) => buffer(streamMime(copy));

const FROM = 'sender@mailbeacon.test';

function message(to = 'anna@example.org'): Promise<Buffer> {
  return mimeBytes({
    from: { email: FROM, name: 'Mário Rossi' },
    to: [{ email: to, name: 'Rossi, Anna' }],
    cc: [{ email: 'carlo@example.org' }],
    subject: 'Offerta caffè ☕',
    text: 'Ciao Anna\r\n',
    html: '<p>Ciao <b>Anna</b></p>',
    attachments: [],
    inline: [],
    messageId: '<copy-42@mailbeacon.test>',
    date: new Date('2026-05-06T07:08:09Z'),
  });
}

/** Sends and returns the SmtpFailure it must throw. */
async function failure(
  url: string,
  to: string[],
  options: SmtpSenderOptions = {},
): Promise<SmtpFailure> {
  const sender = createSmtpSender(url, options);
  try {
    await sender.send({ from: FROM, to }, await message(to[0]));
  } catch (error) {
    assert.ok(error instanceof SmtpFailure, `expected an SmtpFailure, got ${error}`);
    return error;
  } finally {
    await sender.close();
  }
  assert.fail('the send succeeded');
}

for (const pool of [false, true]) {
  describe(`SMTP sender through a real relay${pool ? ' (pooled)' : ''}`, () => {
    let relay: TestRelay;
    before(async () => {
      relay = await startTestRelay({
        rcpt: {
          'busy@example.org': reply(450, '4.2.1 Mailbox busy, try again later'),
          'full@example.org': reply(451, '4.3.0 Local problem'),
          'gone@example.org': reply(550, '5.1.1 <gone@example.org>: Recipient address rejected'),
        },
      });
    });
    after(() => relay.close());

    test('delivers the raw bytes to exactly the given recipient', async () => {
      relay.reset();
      const raw = await message();
      const sender = createSmtpSender(relay.url, { pool });
      // The Cc is in the headers but not in the envelope: it must not receive this copy.
      const sent = await sender.send({ from: FROM, to: ['anna@example.org'] }, raw);
      await sender.close();
      assert.match(sent.response, /^250 /);
      assert.equal(sent.messageId, '<copy-42@mailbeacon.test>');
      assert.deepEqual(sent.accepted, ['anna@example.org']);
      assert.deepEqual(sent.refused, []);
      const [received] = await relay.waitFor(1);
      assert.ok(received);
      assert.deepEqual(received.envelope, { from: FROM, to: ['anna@example.org'] });
      assert.deepEqual(received.raw, raw);
      assert.equal(received.parsed.subject, 'Offerta caffè ☕');
      assert.deepEqual(received.parsed.from?.value, [{ address: FROM, name: 'Mário Rossi' }]);
      assert.equal(received.parsed.html, '<p>Ciao <b>Anna</b></p>');
    });

    test('4xx at RCPT is deferred, with the code, enhanced code and the relay text', async () => {
      for (const [to, code, enhanced, text] of [
        ['busy@example.org', 450, '4.2.1', '450 4.2.1 Mailbox busy, try again later'],
        ['full@example.org', 451, '4.3.0', '451 4.3.0 Local problem'],
      ] as const) {
        const f = await failure(relay.url, [to], { pool });
        assert.equal(f.kind, 'deferred');
        assert.equal(f.stage, 'rcpt');
        assert.equal(f.responseCode, code);
        assert.equal(f.enhancedCode, enhanced);
        assert.equal(f.response, text);
        assert.equal(f.recipient, to);
        assert.match(f.message, new RegExp(`refused the recipient <${to}> at RCPT TO`));
        assert.match(f.message, /temporary, will retry/);
      }
    });

    test('5xx at RCPT is rejected, with the relay text', async () => {
      const f = await failure(relay.url, ['gone@example.org'], { pool });
      assert.equal(f.kind, 'rejected');
      assert.equal(f.stage, 'rcpt');
      assert.equal(f.responseCode, 550);
      assert.equal(f.enhancedCode, '5.1.1');
      assert.equal(f.response, '550 5.1.1 <gone@example.org>: Recipient address rejected');
      assert.match(f.message, /Recipient address rejected \(permanent/);
    });

    test('some recipients refused: the rest get it, each refusal is reported', async () => {
      relay.reset();
      const sender = createSmtpSender(relay.url, { pool });
      const sent = await sender.send(
        { from: FROM, to: ['gone@example.org', 'anna@example.org', 'busy@example.org'] },
        await message(),
      );
      await sender.close();
      assert.deepEqual(sent.accepted, ['anna@example.org']);
      assert.deepEqual(
        sent.refused.map((f) => [f.recipient, f.kind, f.stage, f.responseCode]),
        [
          ['gone@example.org', 'rejected', 'rcpt', 550],
          ['busy@example.org', 'deferred', 'rcpt', 450],
        ],
      );
      const [received] = await relay.waitFor(1);
      assert.deepEqual(received?.envelope.to, ['anna@example.org']);
    });

    test('every recipient refused, one of them only for now: deferred, each listed', async () => {
      const f = await failure(relay.url, ['gone@example.org', 'busy@example.org'], { pool });
      assert.equal(f.kind, 'deferred');
      assert.equal(f.stage, 'rcpt');
      assert.match(f.message, /refused every recipient/);
      assert.deepEqual(
        f.refused?.map((r) => [r.recipient, r.kind]),
        [
          ['gone@example.org', 'rejected'],
          ['busy@example.org', 'deferred'],
        ],
      );
    });
  });
}

describe('SMTP sender: DATA refusals', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
  });
  after(() => relay.close());

  test('5xx after DATA is rejected at stage data', async () => {
    relay.setRules({ data: reply(554, '5.6.0 Message content rejected') });
    const f = await failure(relay.url, ['anna@example.org']);
    assert.equal(f.kind, 'rejected');
    assert.equal(f.stage, 'data');
    assert.equal(f.responseCode, 554);
    assert.equal(f.enhancedCode, '5.6.0');
    assert.equal(f.response, '554 5.6.0 Message content rejected');
    assert.equal(f.recipient, undefined);
  });

  test('4xx after DATA is deferred, and the retry goes through', async () => {
    relay.reset();
    relay.setRules({ data: reply(452, '4.3.1 Insufficient system storage', 1) });
    const f = await failure(relay.url, ['anna@example.org']);
    assert.equal(f.kind, 'deferred');
    assert.equal(f.stage, 'data');
    assert.equal(f.enhancedCode, '4.3.1');
    const sender = createSmtpSender(relay.url);
    await sender.send({ from: FROM, to: ['anna@example.org'] }, await message());
    await sender.close();
    assert.equal((await relay.waitFor(1)).length, 1);
  });

  test('5xx at MAIL FROM is rejected at stage mail, naming the sender', async () => {
    relay.setRules({ mailFrom: reply(553, '5.7.1 Sender address rejected: not owned by user') });
    const f = await failure(relay.url, ['anna@example.org']);
    assert.equal(f.kind, 'rejected');
    assert.equal(f.stage, 'mail');
    assert.equal(f.enhancedCode, '5.7.1');
    assert.match(f.message, new RegExp(`refused the sender <${FROM}> at MAIL FROM`));
  });

  test('a message over the relay SIZE limit is rejected', async () => {
    const small = await startTestRelay({ size: 1000 });
    try {
      const raw = Buffer.from(
        `From: ${FROM}\r\nTo: a@example.org\r\nSubject: big\r\n\r\n${'x'.repeat(70)}\r\n`.repeat(
          40,
        ),
      );
      const sender = createSmtpSender(small.url);
      const error = await sender.send({ from: FROM, to: ['a@example.org'] }, raw).then(
        () => assert.fail('the send succeeded'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof SmtpFailure);
      assert.equal(error.kind, 'rejected');
      assert.equal(error.responseCode, 552);
      // A client may announce SIZE= and be refused at MAIL FROM; nodemailer streams and hears at DATA.
      assert.ok(['mail', 'data'].includes(error.stage), error.stage);
      assert.equal(small.messages.length, 0);
    } finally {
      await small.close();
    }
  });
});

describe('SMTP sender: authentication', () => {
  // Characters that must be percent-encoded in a URL: the sender has to decode them.
  const user = 'mailer@mailbeacon.test';
  const pass = 'p@ss:w/rd%?#';
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay({ auth: { user, pass } });
  });
  after(() => relay.close());

  test('logs in with the URL-decoded user and password', async () => {
    relay.reset();
    const sender = createSmtpSender(relay.urlWith({ user, pass }));
    await sender.send({ from: FROM, to: ['anna@example.org'] }, await message());
    await sender.close();
    const [received] = await relay.waitFor(1);
    assert.equal(received?.user, user);
    assert.deepEqual(relay.logins, [{ user, ok: true }]);
  });

  test('a wrong password is rejected at stage auth, and the message says what to fix', async () => {
    const f = await failure(relay.urlWith({ user, pass: 'wrong' }), ['anna@example.org']);
    assert.equal(f.kind, 'rejected');
    assert.equal(f.stage, 'auth');
    assert.equal(f.responseCode, 535);
    assert.equal(f.enhancedCode, '5.7.8');
    assert.equal(f.response, '535 5.7.8 Authentication credentials invalid');
    assert.match(f.message, /check the user name and password/);
    assert.doesNotMatch(f.message, /wrong/, 'the password must not leak into the message');
  });

  test('no credentials where the relay wants them: rejected, saying a login is needed', async () => {
    const f = await failure(relay.url, ['anna@example.org']);
    assert.equal(f.kind, 'rejected');
    assert.equal(f.responseCode, 530);
    assert.match(f.message, /wants a login/);
  });
});

describe('SMTP sender: unreachable relays', () => {
  test('a closed port is deferred at stage connect', async () => {
    // Take a free port and give it back, so nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const f = await failure(`smtp://127.0.0.1:${port}`, ['anna@example.org']);
    assert.equal(f.kind, 'deferred');
    assert.equal(f.stage, 'connect');
    assert.equal(f.responseCode, undefined);
    assert.equal(f.response, '');
    assert.equal(f.code, 'ECONNREFUSED');
    assert.match(
      f.message,
      new RegExp(`Could not talk to the SMTP relay smtp://127.0.0.1:${port}`),
    );
  });

  test('a relay that never greets is deferred at stage connect', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const f = await failure(`smtp://127.0.0.1:${port}`, ['anna@example.org'], {
        greetingTimeoutMs: 300,
      });
      assert.equal(f.kind, 'deferred');
      assert.equal(f.stage, 'connect');
      assert.equal(f.code, 'ETIMEDOUT');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('a host that does not resolve is deferred at stage connect', async () => {
    const f = await failure('smtp://no-such-host.invalid:25', ['anna@example.org'], {
      connectionTimeoutMs: 5000,
    });
    assert.equal(f.kind, 'deferred');
    assert.equal(f.stage, 'connect');
    assert.match(f.message, /no-such-host\.invalid/);
  });

  test('a relay that says 421 at the greeting is deferred', async () => {
    const busy = createServer((socket) => {
      socket.end('421 4.3.2 Service shutting down\r\n');
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const f = await failure(`smtp://127.0.0.1:${port}`, ['anna@example.org']);
      assert.equal(f.kind, 'deferred');
      assert.equal(f.stage, 'connect');
      assert.equal(f.responseCode, 421);
      assert.equal(f.enhancedCode, '4.3.2');
      assert.equal(f.response, '421 4.3.2 Service shutting down');
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  test('a closed sender refuses to send', async () => {
    const sender = createSmtpSender('smtp://127.0.0.1:2525');
    await sender.close();
    await assert.rejects(sender.send({ from: FROM, to: ['a@example.org'] }, Buffer.from('x')), {
      message: /is closed/,
    });
  });
});
