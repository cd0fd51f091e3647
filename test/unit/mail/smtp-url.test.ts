import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSmtpUrl } from '../../../src/mail/smtp/index.js';

// Pure parsing; the URL's effect on a real session is covered by smtp.test.ts and smtp-tls.test.ts.
describe('parseSmtpUrl', () => {
  test('defaults: 587 with STARTTLS, 465 with implicit TLS, no auth', () => {
    assert.deepEqual(parseSmtpUrl('smtp://relay.example.com'), {
      host: 'relay.example.com',
      port: 587,
      secure: false,
      auth: undefined,
      requireTls: false,
      insecureTls: false,
      redacted: 'smtp://relay.example.com:587',
    });
    const smtps = parseSmtpUrl('smtps://relay.example.com');
    assert.equal(smtps.port, 465);
    assert.equal(smtps.secure, true);
  });

  test('userinfo is percent-decoded and the password never appears in redacted', () => {
    const url = parseSmtpUrl('smtp://me%40example.com:p%40ss%3Aw%2Frd@relay.example.com:2525');
    assert.deepEqual(url.auth, { user: 'me@example.com', pass: 'p@ss:w/rd' });
    assert.equal(url.port, 2525);
    assert.equal(url.redacted, 'smtp://me%40example.com:***@relay.example.com:2525');
  });

  test('tls flags', () => {
    assert.equal(parseSmtpUrl('smtp://h?tls=insecure').insecureTls, true);
    assert.equal(parseSmtpUrl('smtp://h/?tls=required').requireTls, true);
    const both = parseSmtpUrl('smtp://h?tls=required,insecure');
    assert.equal(both.requireTls && both.insecureTls, true);
  });

  test('IPv6 hosts', () => {
    const url = parseSmtpUrl('smtp://[::1]:2525');
    assert.equal(url.host, '::1');
    assert.equal(url.redacted, 'smtp://[::1]:2525');
  });

  test('bad URLs are refused with a reason and without the password', () => {
    const cases: [string, RegExp][] = [
      ['relay.example.com', /not a URL/],
      ['http://relay.example.com', /scheme "http:" is not supported/],
      ['smtp://u:secret@h?tls=maybe', /tls=maybe is not understood/],
      ['smtp://u:secret@h?port=25', /parameter "port" is unknown/],
      ['smtp://u:secret@h/inbox', /has a path/],
      ['smtp://u:sec%ZZret@h', /percent-encoding/],
    ];
    for (const [url, reason] of cases) {
      assert.throws(
        () => parseSmtpUrl(url),
        (error: unknown) =>
          error instanceof TypeError &&
          reason.test(error.message) &&
          !/secret|sec%ZZret/.test(error.message),
        url,
      );
    }
  });
});
