import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkTargetUrl,
  checkWebhookTarget,
  forbiddenAddress,
} from '../../../../src/notify/webhooks/index.js';

const noDns = async (): Promise<string[]> => {
  throw new Error('DNS must not be asked');
};
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('webhook target check: addresses', () => {
  it('refuses IPv4 loopback, private, link-local, CGNAT, unspecified, multicast and reserved ranges', () => {
    for (const [address, kind] of [
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['100.64.0.1', 'shared (CGNAT)'],
      ['100.127.255.255', 'shared (CGNAT)'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'],
    ] as const) {
      assert.equal(forbiddenAddress(address), kind, address);
    }
  });

  it('lets public IPv4 addresses through, including the neighbours of private ranges', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '11.0.0.1',
      '93.184.215.14',
    ]) {
      assert.equal(forbiddenAddress(address), undefined, address);
    }
  });

  it('refuses IPv6 loopback, unspecified, unique-local, link-local and multicast', () => {
    for (const [address, kind] of [
      ['::1', 'loopback'],
      ['0:0:0:0:0:0:0:1', 'loopback'],
      ['::', 'unspecified'],
      ['fc00::1', 'unique-local'],
      ['fd12:3456:789a::1', 'unique-local'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf:ffff::1', 'link-local'],
      ['ff02::1', 'multicast'],
    ] as const) {
      assert.equal(forbiddenAddress(address), kind, address);
    }
    assert.equal(forbiddenAddress('2a00:1450:4001:82a::200e'), undefined);
    assert.equal(forbiddenAddress('2606:4700:4700::1111'), undefined);
  });

  it('judges IPv4-mapped, IPv4-translated, NAT64 and 6to4 addresses by the IPv4 address inside', () => {
    assert.equal(forbiddenAddress('::ffff:127.0.0.1'), 'loopback (IPv4-mapped)');
    assert.equal(forbiddenAddress('::ffff:7f00:1'), 'loopback (IPv4-mapped)');
    assert.equal(forbiddenAddress('::ffff:a9fe:a9fe'), 'link-local (IPv4-mapped)');
    assert.equal(forbiddenAddress('::ffff:10.1.2.3'), 'private (IPv4-mapped)');
    assert.equal(forbiddenAddress('64:ff9b::192.168.0.1'), 'private (NAT64)');
    assert.equal(forbiddenAddress('2002:7f00:1::'), 'loopback (6to4)');
    assert.equal(forbiddenAddress('::ffff:8.8.8.8'), undefined);
    assert.equal(forbiddenAddress('64:ff9b::808:808'), undefined);
    assert.equal(forbiddenAddress('::ffff:0:127.0.0.1'), 'loopback (IPv4-translated)');
    assert.equal(forbiddenAddress('::ffff:0:a00:1'), 'private (IPv4-translated)');
    assert.equal(forbiddenAddress('::ffff:0:8.8.8.8'), undefined);
  });

  it('refuses what is not an address at all', () => {
    assert.equal(forbiddenAddress('example.com'), 'not an IP address');
    assert.equal(forbiddenAddress(''), 'not an IP address');
  });
});

describe('webhook target check: URLs', () => {
  const check = (url: string, allowPrivate = false) => checkTargetUrl(url, allowPrivate);

  it('takes http and https only, without credentials', () => {
    assert.equal(check('https://hooks.example.com/mailbeacon').ok, true);
    assert.equal(check('http://93.184.215.14:8080/hook').ok, true);
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'gopher://x/',
      'not a url',
      '//example.com/',
    ]) {
      const result = check(url);
      assert.equal(result.ok, false, url);
      assert.equal(!result.ok && result.problem, 'invalid', url);
    }
    const withUser = check('https://user:pass@hooks.example.com/');
    assert.equal(!withUser.ok && withUser.problem, 'invalid');
    assert.match(!withUser.ok ? withUser.reason : '', /user name or password/);
  });

  it('refuses localhost by name, whatever its case or trailing dot', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST:3000/x',
      'http://localhost./',
      'http://api.localhost/',
    ]) {
      const result = check(url);
      assert.equal(!result.ok && result.problem, 'forbidden', url);
    }
  });

  it('refuses loopback written as decimal, octal, hex or shortened IPv4 (decimal/octal tricks)', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]:8080/',
    ]) {
      const result = check(url);
      assert.equal(result.ok, false, url);
      assert.equal(!result.ok && result.problem, 'forbidden', url);
    }
  });

  it('lets private targets through with WEBHOOK_ALLOW_PRIVATE, but never other schemes or credentials', () => {
    assert.equal(check('http://127.0.0.1:9999/hook', true).ok, true);
    assert.equal(check('http://localhost/', true).ok, true);
    assert.equal(check('ftp://127.0.0.1/', true).ok, false);
    assert.equal(check('http://a:b@127.0.0.1/', true).ok, false);
  });
});

describe('webhook target check: DNS', () => {
  it('refuses a host that resolves to a private address, or to one among public ones', async () => {
    const internal = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('10.0.0.7'),
    });
    assert.equal(!internal.ok && internal.problem, 'forbidden');
    assert.match(
      !internal.ok ? internal.reason : '',
      /hooks\.example\.com resolves to a private address \(10\.0\.0\.7\)/,
    );
    const mixed = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('93.184.215.14', '::1'),
    });
    assert.equal(!mixed.ok && mixed.problem, 'forbidden');
  });

  it('accepts a host whose every address is public', async () => {
    const result = await checkWebhookTarget('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: resolvesTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
    });
    assert.equal(result.ok, true);
  });

  it('says so when the host does not resolve', async () => {
    const result = await checkWebhookTarget('https://nowhere.invalid/', {
      allowPrivate: false,
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    assert.equal(!result.ok && result.problem, 'unresolvable');
  });

  it('asks DNS neither for literal addresses nor with WEBHOOK_ALLOW_PRIVATE', async () => {
    assert.equal(
      (await checkWebhookTarget('http://93.184.215.14/', { allowPrivate: false, resolve: noDns }))
        .ok,
      true,
    );
    assert.equal(
      (await checkWebhookTarget('http://[::1]/', { allowPrivate: false, resolve: noDns })).ok,
      false,
    );
    assert.equal(
      (await checkWebhookTarget('http://intranet.corp/', { allowPrivate: true, resolve: noDns }))
        .ok,
      true,
    );
  });
});
