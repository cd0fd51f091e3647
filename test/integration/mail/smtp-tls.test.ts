import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSmtpSender, SmtpFailure } from '../../../src/mail/smtp/index.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';

// The relays here present smtp-server's built-in test certificate: self-signed, issued for
// another name (and by now expired), so it is exactly what ?tls=insecure exists for.
const raw = Buffer.from(
  'From: s@mailbeacon.test\r\nTo: a@example.org\r\nSubject: tls\r\nMessage-ID: <t@mb>\r\n\r\nhi\r\n',
);
const envelope = { from: 's@mailbeacon.test', to: ['a@example.org'] };

async function sendFailure(url: string): Promise<SmtpFailure> {
  const sender = createSmtpSender(url, { greetingTimeoutMs: 5000 });
  try {
    await sender.send(envelope, raw);
  } catch (error) {
    assert.ok(error instanceof SmtpFailure, `expected an SmtpFailure, got ${error}`);
    return error;
  } finally {
    await sender.close();
  }
  assert.fail('the send succeeded');
}

describe('SMTP sender: TLS', () => {
  let starttls: TestRelay;
  let implicit: TestRelay;
  let plain: TestRelay;
  before(async () => {
    [starttls, implicit, plain] = await Promise.all([
      startTestRelay({ tls: 'starttls' }),
      startTestRelay({ tls: 'implicit' }),
      startTestRelay(),
    ]);
  });
  after(() => Promise.all([starttls.close(), implicit.close(), plain.close()]));

  test('smtp:// upgrades with STARTTLS when offered; tls=insecure accepts the certificate', async () => {
    starttls.reset();
    const sender = createSmtpSender(starttls.urlWith({ query: 'tls=insecure' }));
    await sender.send(envelope, raw);
    await sender.close();
    const [received] = await starttls.waitFor(1);
    assert.equal(received?.secure, true);
    assert.deepEqual(received?.raw, raw);
  });

  test('smtp:// stays plain when STARTTLS is not offered', async () => {
    plain.reset();
    const sender = createSmtpSender(plain.url);
    await sender.send(envelope, raw);
    await sender.close();
    const [received] = await plain.waitFor(1);
    assert.equal(received?.secure, false);
  });

  test('smtps:// speaks TLS from the start', async () => {
    implicit.reset();
    const sender = createSmtpSender(implicit.urlWith({ query: 'tls=insecure' }));
    await sender.send(envelope, raw);
    await sender.close();
    const [received] = await implicit.waitFor(1);
    assert.equal(received?.secure, true);
  });

  test('an untrusted certificate is a deferred TLS failure pointing at tls=insecure', async () => {
    for (const relay of [starttls, implicit]) {
      const f = await sendFailure(relay.url);
      assert.equal(f.kind, 'deferred');
      assert.equal(f.stage, 'tls');
      assert.match(f.message, /add \?tls=insecure/);
      assert.equal(f.response, '');
    }
  });

  test('tls=required against a relay without STARTTLS refuses to send in plaintext', async () => {
    plain.reset();
    const f = await sendFailure(plain.urlWith({ query: 'tls=required' }));
    assert.equal(f.stage, 'tls');
    assert.equal(f.kind, 'rejected');
    assert.match(f.message, /does not offer STARTTLS/);
    assert.equal(plain.messages.length, 0);
  });

  test('smtps:// against a plaintext relay is a deferred TLS failure', async () => {
    const f = await sendFailure(plain.url.replace('smtp://', 'smtps://'));
    assert.equal(f.kind, 'deferred');
    assert.equal(f.stage, 'tls');
  });
});
