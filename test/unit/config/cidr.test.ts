import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigError,
  embeddedIpv4,
  ipv6Groups,
  loadConfig,
  networkHas,
  parseCidr,
  unmappedIp,
} from '../../../src/config.js';
import { MailbeaconError } from '../../../src/errors.js';
import { networkSet } from '../../../src/pipeline/classify/index.js';
import { keptIp } from '../../../src/pipeline/index.js';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../../src/workspace/settings.js';

/**
 * One CIDR rule for every place a network is written: TRUST_PROXY (config), a workspace's
 * internal networks (settings), and the classifier that matches hits against them. Each row runs
 * through all three; a row accepted is matched, a row refused is refused everywhere.
 */
interface Row {
  readonly input: string;
  /** Addresses the network holds (only for accepted rows). */
  readonly inside?: readonly string[];
  /** Addresses it does not. */
  readonly outside?: readonly string[];
  /** Refused: what the refusal says besides the input itself. */
  readonly refused?: RegExp;
  /**
   * Taken by the settings and the classifier, refused by TRUST_PROXY alone, saying this: a /0
   * range trusts every hop, which TRUST_PROXY wants written `true` (proxy-addr refuses /0).
   */
  readonly trustProxyRefused?: RegExp;
}

const ROWS: readonly Row[] = [
  { input: '10.0.0.0/8', inside: ['10.200.1.1', '::ffff:10.0.0.1'], outside: ['11.0.0.1'] },
  { input: '2001:db8::/32', inside: ['2001:db8:1::5'], outside: ['2001:db9::1', '10.0.0.1'] },
  {
    input: '0.0.0.0/0',
    inside: ['203.0.113.9', '10.0.0.1'],
    outside: ['2001:db8::1'],
    trustProxyRefused: /without \/0 ranges \(to trust every hop, write "true"\)/,
  },
  {
    input: '::/0',
    inside: ['2001:db8::1', 'fe80::1'],
    trustProxyRefused: /without \/0 ranges/,
  },
  { input: '198.51.100.7/32', inside: ['198.51.100.7'], outside: ['198.51.101.7'] },
  { input: '198.51.100.7', inside: ['198.51.100.7'], outside: ['198.51.101.7'] },
  { input: '2001:db8::7/128', inside: ['2001:db8::7'], outside: ['2001:db9::7'] },
  { input: ' 10.0.0.0/8 ', inside: ['10.1.1.1'], outside: ['11.1.1.1'] },
  // Leading zeros in the prefix do not change it, as proxy-addr reads TRUST_PROXY.
  { input: '10.0.0.0/0008', inside: ['10.9.9.9'], outside: ['11.0.0.1'] },
  { input: '10.0.0.0/08', inside: ['10.9.9.9'], outside: ['11.0.0.1'] },
  { input: '2001:db8::/032', inside: ['2001:db8:1::5'], outside: ['2001:db9::1'] },
  // An IPv4-mapped network is its IPv4 network, the prefix less the mapping's 96 bits.
  {
    input: '::ffff:10.0.0.1/120',
    inside: ['10.0.0.200', '::ffff:10.0.0.9'],
    outside: ['10.0.1.1'],
  },
  { input: '::FFFF:10.0.0.0/104', inside: ['10.1.2.3'], outside: ['11.0.0.1'] },
  { input: '::ffff:10.0.0.1/0128', inside: ['10.0.0.1'], outside: ['10.0.1.1'] },
  { input: '::ffff:10.0.0.1', inside: ['10.0.0.1', '::ffff:10.0.0.1'], outside: ['10.0.1.1'] },
  {
    input: '::ffff:10.0.0.1/64',
    refused: /IPv4-mapped address takes a whole number from 96 to 128/,
  },
  { input: '::ffff:10.0.0.1/129', refused: /from 96 to 128/ },
  { input: '::ffff:10.0.0.1/32', refused: /from 96 to 128/ },
  // The same mapped networks written in hex (::ffff:a00:1 is ::ffff:10.0.0.1).
  { input: '::ffff:a00:1/120', inside: ['10.0.0.200', '::ffff:a00:9'], outside: ['10.0.1.1'] },
  { input: '0:0:0:0:0:FFFF:0A00:0/104', inside: ['10.1.2.3'], outside: ['11.0.0.1'] },
  { input: '::ffff:a00:1', inside: ['10.0.0.1', '::ffff:10.0.0.1'], outside: ['10.0.0.2'] },
  { input: '::ffff:a00:1/64', refused: /IPv4-mapped address takes a whole number from 96 to 128/ },
  { input: '::ffff:a00:1/95', refused: /from 96 to 128/ },
  // A zone names one host's interface, not a network.
  { input: 'fe80::1%eth0/64', refused: /written without a zone/ },
  { input: 'fe80::1%eth0', refused: /written without a zone/ },
  { input: 'garbage', refused: /is not an IP address or CIDR range/ },
  { input: '10.0.0', refused: /is not an IP address or CIDR range/ },
  { input: '010.0.0.1', refused: /is not an IP address or CIDR range/ },
  { input: '/8', refused: /is not an IP address or CIDR range/ },
  { input: 'x::/12', refused: /is not an IP address or CIDR range/ },
  { input: '10.0.0.0/8/1', refused: /is not an IP address or CIDR range/ },
  { input: '10.0.0.0/', refused: /prefix length is a whole number from 0 to 32/ },
  { input: '10.0.0.0/33', refused: /from 0 to 32/ },
  { input: '10.0.0.0/-1', refused: /from 0 to 32/ },
  { input: '10.0.0.0/8.0', refused: /from 0 to 32/ },
  { input: '10.0.0.0/ 8', refused: /from 0 to 32/ },
  { input: '::/129', refused: /from 0 to 128/ },
  { input: '2001:db8::/1000', refused: /from 0 to 128/ },
];

/** Undefined when TRUST_PROXY takes the input, else the refusal. */
function configRefusal(input: string): string | undefined {
  try {
    loadConfig({ TRUST_PROXY: input }, '/srv/mailbeacon');
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
}

/** Undefined when a workspace's internal networks take the input, else the refusal. */
function settingsRefusal(input: string): string | undefined {
  try {
    applySettingsPatch(DEFAULT_SETTINGS, { internalNetworks: [input] }, (password) => password);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof MailbeaconError);
    assert.equal(error.errorName, 'MB_ERR_VALIDATION');
    return error.message;
  }
}

/** Undefined when the classifier builds a set from the input, else its error. */
function classifierRefusal(input: string): string | undefined {
  try {
    networkSet([input]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('CIDR networks: the settings and the classifier agree', () => {
  for (const row of ROWS) {
    const name = JSON.stringify(row.input);
    if (row.refused) {
      it(`refuse ${name} everywhere, saying why`, () => {
        const config = configRefusal(row.input);
        const settings = settingsRefusal(row.input);
        const classifier = classifierRefusal(row.input);
        assert.ok(config !== undefined, 'TRUST_PROXY took it');
        assert.ok(settings !== undefined, 'the settings took it');
        assert.ok(classifier !== undefined, 'the classifier took it');
        assert.match(config, /^TRUST_PROXY must be/);
        for (const message of [settings, classifier]) {
          assert.ok(message.includes(JSON.stringify(row.input)), message);
          assert.match(message, row.refused!);
        }
      });
    } else {
      const where = row.trustProxyRefused
        ? 'where a network is asked for (TRUST_PROXY wants true)'
        : 'everywhere';
      it(`take ${name} ${where}, and match what it holds`, () => {
        const config = configRefusal(row.input);
        if (row.trustProxyRefused) assert.match(config ?? '', row.trustProxyRefused);
        else assert.equal(config, undefined);
        assert.equal(settingsRefusal(row.input), undefined);
        assert.equal(classifierRefusal(row.input), undefined);
        const set = networkSet([row.input]);
        for (const ip of row.inside ?? []) assert.equal(set.has(ip), true, `${ip} is inside`);
        for (const ip of row.outside ?? []) assert.equal(set.has(ip), false, `${ip} is outside`);
      });
    }
  }

  it('read a mapped network as its IPv4 network, and leading zeros as the number', () => {
    assert.deepEqual(parseCidr('::ffff:10.0.0.1/120'), {
      address: '10.0.0.1',
      prefix: 24,
      family: 4,
    });
    assert.deepEqual(parseCidr('10.0.0.0/0008'), { address: '10.0.0.0', prefix: 8, family: 4 });
    assert.deepEqual(parseCidr('2001:db8::1'), { address: '2001:db8::1', prefix: 128, family: 6 });
    assert.deepEqual(parseCidr('::ffff:a00:1/120'), { address: '10.0.0.1', prefix: 24, family: 4 });
  });

  it('match a network arithmetically, and read an IPv4 address carried inside an IPv6 one', () => {
    assert.equal(networkHas(parseCidr('172.16.0.0/12'), '172.31.255.255'), true);
    assert.equal(networkHas(parseCidr('172.16.0.0/12'), '172.32.0.0'), false);
    assert.equal(networkHas(parseCidr('10.0.0.0/8'), '::ffff:a01:203'), true);
    assert.equal(networkHas(parseCidr('fe80::/10'), 'febf:ffff::1'), true);
    assert.equal(networkHas(parseCidr('fe80::/10'), '10.0.0.1'), false);
    assert.equal(networkHas(parseCidr('::/0'), '::ffff:10.0.0.1'), false);
    assert.equal(embeddedIpv4('64:ff9b::c0a8:1', 96), '192.168.0.1');
    assert.equal(embeddedIpv4('2002:7f00:1::', 16), '127.0.0.1');
  });

  it('unmap IPv4-mapped addresses, and only those', () => {
    assert.equal(unmappedIp('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(unmappedIp('::FFFF:192.0.2.1'), '192.0.2.1');
    assert.equal(unmappedIp('192.0.2.1'), '192.0.2.1');
    assert.equal(unmappedIp('2001:db8::1'), '2001:db8::1');
    assert.equal(unmappedIp('::ffff:192.0.2'), '::ffff:192.0.2');
    assert.equal(unmappedIp('::ffff:c000:201'), '192.0.2.1');
    assert.equal(unmappedIp('0:0:0:0:0:FFFF:C000:0201'), '192.0.2.1');
    assert.equal(unmappedIp('::ffff:0:c000:201'), '::ffff:0:c000:201');
    assert.equal(unmappedIp('2001:db8::ffff'), '2001:db8::ffff');
  });
});

describe('IPv6 groups', () => {
  it('expand ::, drop a zone and read a dotted IPv4 tail', () => {
    assert.deepEqual(ipv6Groups('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(ipv6Groups('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(ipv6Groups('fe80::1%eth0'), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(ipv6Groups('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    assert.deepEqual(ipv6Groups('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(ipv6Groups('2003:C1:5F3A:A100::'), [0x2003, 0xc1, 0x5f3a, 0xa100, 0, 0, 0, 0]);
  });

  it('keep an anonymised IPv6 address at its /48, as before', () => {
    assert.equal(keptIp('2003:c1:5f3a:a100::1', 'anonymize'), '2003:c1:5f3a::');
    assert.equal(keptIp('2003:00C1:5F3A:a100::1', 'anonymize'), '2003:c1:5f3a::');
    assert.equal(keptIp('::1', 'anonymize'), '0:0:0::');
    assert.equal(keptIp('fe80::1%eth0', 'anonymize'), 'fe80:0:0::');
    assert.equal(keptIp('::ffff:192.0.2.77', 'anonymize'), '192.0.2.0');
    assert.equal(keptIp('::ffff:192.0.2.77', 'full'), '192.0.2.77');
  });
});
