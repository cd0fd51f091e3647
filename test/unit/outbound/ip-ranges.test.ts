import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forbiddenAddress } from '../../../src/outbound/index.js';

describe('outbound policy: addresses', () => {
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
  it('covers every member kind of the private ranges, and their translated forms', () => {
    const members: [string, string][] = [
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['172.16.0.0', 'private'],
      ['172.20.1.1', 'private'],
      ['192.168.0.1', 'private'],
      ['192.168.255.254', 'private'],
      ['127.0.0.1', 'loopback'],
      ['127.1.2.3', 'loopback'],
      ['169.254.0.1', 'link-local'],
      ['169.254.169.254', 'link-local'],
      ['100.64.0.1', 'shared (CGNAT)'],
      ['100.100.100.100', 'shared (CGNAT)'],
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
    ];
    for (const [ipv4, kind] of members) {
      const [a = 0, b = 0, c = 0, d = 0] = ipv4.split('.').map(Number);
      const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
      for (const [address, carrier] of [
        [ipv4, undefined],
        [`::ffff:${ipv4}`, 'IPv4-mapped'],
        [`::ffff:${hex}`, 'IPv4-mapped'],
        [`0:0:0:0:0:ffff:${hex}`, 'IPv4-mapped'],
        [`::ffff:0:${ipv4}`, 'IPv4-translated'],
        [`::ffff:0:${hex}`, 'IPv4-translated'],
        [`64:ff9b::${ipv4}`, 'NAT64'],
        [`64:ff9b::${hex}`, 'NAT64'],
        [`2002:${hex}::1`, '6to4'],
      ] as const) {
        const expected = carrier ? `${kind} (${carrier})` : kind;
        assert.equal(forbiddenAddress(address), expected, address);
      }
    }
  });

  it('refuses every member tried of ::1, fe80::/10 and fc00::/7', () => {
    for (const [address, kind] of [
      ['::1', 'loopback'],
      ['0::1', 'loopback'],
      ['fe80::', 'link-local'],
      ['fe80::dead:beef', 'link-local'],
      ['fe9a:1::2', 'link-local'],
      ['febf::1', 'link-local'],
      ['fc00::', 'unique-local'],
      ['fcff:ffff::1', 'unique-local'],
      ['fd00::1', 'unique-local'],
      ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'unique-local'],
    ] as const) {
      assert.equal(forbiddenAddress(address), kind, address);
    }
  });

  it('refuses the translation prefixes IANA lists whose IPv4 address cannot be checked', () => {
    for (const [address, kind] of [
      // RFC 8215: the local-use NAT64 prefix puts the IPv4 address where the operator chose.
      ['64:ff9b:1::808:808', 'NAT64 (local use)'],
      ['64:ff9b:1:ffff::1', 'NAT64 (local use)'],
      // RFC 4380: Teredo's client address is obfuscated.
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
      // RFC 4291: IPv4-compatible, deprecated.
      ['::7f00:1', 'reserved'],
      ['::8.8.8.8', 'reserved'],
      ['100::1', 'discard'],
      ['2001:db8::1', 'documentation'],
      ['3fff::1', 'documentation'],
      ['2001:2::1', 'benchmarking'],
      ['5f00::1', 'segment routing (SRv6)'],
      ['192.88.99.1', '6to4 relay anycast'],
      ['192.0.0.170', 'reserved'],
    ] as const) {
      assert.equal(forbiddenAddress(address), kind, address);
    }
  });

  it('lets public addresses through their translations', () => {
    for (const address of [
      '::ffff:8.8.8.8',
      '::ffff:0:8.8.8.8',
      '64:ff9b::8.8.8.8',
      '2002:808:808::1',
      '2a00:1450:4001:82a::200e',
    ]) {
      assert.equal(forbiddenAddress(address), undefined, address);
    }
  });
});
