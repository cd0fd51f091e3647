import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, hostOfHeader, loadConfig } from '../../../src/config.js';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/mailbeacon');

describe('ALLOWED_HOSTS', () => {
  it('defaults to the hosts of PUBLIC_URL and TRACKING_URL, and the loopback names', () => {
    const config = load({
      PUBLIC_URL: 'https://App.Example.com:8443',
      TRACKING_URL: 'https://t.example.net',
    });
    assert.deepEqual(
      [...config.allowedHosts].sort(),
      ['127.0.0.1', '[::1]', 'app.example.com', 'localhost', 't.example.net'].sort(),
    );
  });

  it('takes a comma-separated list instead, in normal form (lower case, IPv6 in brackets)', () => {
    const config = load({ ALLOWED_HOSTS: ' Mail.Example.com , ::1,[fe80::1], 10.0.0.5 ,' });
    assert.deepEqual(
      [...config.allowedHosts].sort(),
      ['10.0.0.5', '[::1]', '[fe80::1]', 'mail.example.com'].sort(),
    );
  });

  it('refuses an entry with a port, a scheme or a wildcard, naming it', () => {
    for (const bad of ['example.com:3000', 'https://example.com', '*.example.com', 'a b', ',']) {
      assert.throws(
        () => load({ ALLOWED_HOSTS: bad }),
        (error: unknown) =>
          error instanceof ConfigError && /^ALLOWED_HOSTS must be /.test(error.message),
        bad,
      );
    }
  });
});

describe('hostOfHeader', () => {
  it('drops the port and the case, and keeps IPv6 brackets', () => {
    assert.equal(hostOfHeader('Example.COM:8080'), 'example.com');
    assert.equal(hostOfHeader('example.com'), 'example.com');
    assert.equal(hostOfHeader('[::1]:3000'), '[::1]');
    assert.equal(hostOfHeader('[::1]'), '[::1]');
    assert.equal(hostOfHeader('127.0.0.1:80'), '127.0.0.1');
  });

  // A bare IPv6 address (`::1`) is no Host header either: RFC 3986 §3.2.2 wants brackets.
  it('finds no host in what is not one', () => {
    for (const bad of [
      '',
      ':80',
      'example.com:http',
      '[::1',
      '[::1]x',
      'a b',
      'evil.com/x',
      '::1',
    ]) {
      assert.equal(hostOfHeader(bad), undefined, bad);
    }
  });
});
