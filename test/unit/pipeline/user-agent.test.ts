import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptIp } from '../../../src/pipeline/client-ip.js';
import { clientAsShown, parseClient } from '../../../src/pipeline/user-agent.js';

describe('parseClient', () => {
  const cases: [string, string, string | null, string | null][] = [
    [
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0',
      'Thunderbird',
      '128.4.0',
      'Linux',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
      'Apple Mail',
      null,
      'macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      'Apple Mail',
      null,
      'iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Microsoft Outlook 16.0.17928; Pro)',
      'Outlook',
      '16.0.17928',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
      'Gmail image proxy',
      null,
      // The proxy's fake Windows XP is not the reader's system.
      null,
    ],
    [
      'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
      'Yahoo image proxy',
      null,
      null,
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome',
      '131.0.0.0',
      'Windows',
    ],
  ];
  for (const [ua, browser, version, os] of cases) {
    it(`names ${browser} in ${ua.slice(0, 50)}…`, () => {
      const client = parseClient(ua)!;
      assert.equal(client.browser, browser);
      if (version) assert.equal(client.browserVersion, version);
      assert.equal(client.os, os);
    });
  }
  it('keeps only an image proxy’s name, also for a client stored before that rule', () => {
    const gmail = parseClient(
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    )!;
    assert.deepEqual(gmail, {
      browser: 'Gmail image proxy',
      browserVersion: null,
      os: null,
      osVersion: null,
      device: null,
    });
    const stored = {
      browser: 'Gmail image proxy',
      browserVersion: '11.0',
      os: 'Windows',
      osVersion: 'XP',
      device: 'desktop',
    };
    assert.deepEqual(clientAsShown(stored), gmail);
    const person = parseClient(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    )!;
    assert.equal(clientAsShown(person), person, 'a reader’s own client is shown whole');
  });
  it('returns null without a User-Agent, and the same object for the same string', () => {
    assert.equal(parseClient(undefined), null);
    assert.equal(parseClient('curl/8.5.0'), parseClient('curl/8.5.0'));
  });
});

describe('keptIp', () => {
  it('anonymises IPv4 to /24 and IPv6 to /48 by default', () => {
    assert.equal(keptIp('203.0.113.77', 'anonymize'), '203.0.113.0');
    assert.equal(keptIp('::ffff:198.51.100.9', 'anonymize'), '198.51.100.0');
    assert.equal(keptIp('2001:db8:abcd:12:34::1', 'anonymize'), '2001:db8:abcd::');
    assert.equal(keptIp('2001:db8::1', 'anonymize'), '2001:db8:0::');
  });
  it('keeps it whole with full, and nothing with none', () => {
    assert.equal(keptIp('203.0.113.77', 'full'), '203.0.113.77');
    assert.equal(keptIp('203.0.113.77', 'none'), null);
    assert.equal(keptIp(undefined, 'full'), null);
  });
});
