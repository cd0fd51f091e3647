import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalHost,
  checkOutboundHost,
  literalHostRefusal,
} from '../../../src/outbound/index.js';
import { noDns, resolvesTo } from '../../helpers/fake-dns.js';

const strict = (resolve = noDns) => ({ allowPrivate: false, resolve });

describe('outbound policy: hosts', () => {
  it('reads IPv4 written as inet_aton would (decimal, hex, octal, shortened) as dotted decimal', () => {
    for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', ' 127.0.0.1 ']) {
      assert.equal(canonicalHost(host), '127.0.0.1', host);
    }
    assert.equal(canonicalHost('[::1]'), '::1');
    assert.equal(canonicalHost('Relay.Example.ORG'), 'relay.example.org');
  });

  it('refuses localhost names and literal private addresses without asking DNS', async () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'smtp.localhost',
      '127.0.0.1',
      '2130706433',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '[::1]',
      'fe80::1',
      'fd00::25',
      '::ffff:127.0.0.1',
      '::ffff:0:10.0.0.1',
      '64:ff9b::192.168.0.1',
      '2002:a00:1::',
    ]) {
      const check = await checkOutboundHost(host, strict());
      assert.equal(check.ok, false, host);
      assert.equal(!check.ok && check.problem, 'forbidden', host);
      assert.ok(literalHostRefusal(host), host);
    }
  });

  it('names the host, the address and the rule', async () => {
    const literal = await checkOutboundHost('2130706433', strict());
    assert.equal(!literal.ok && literal.reason, '2130706433 is a loopback address (127.0.0.1)');
    const named = await checkOutboundHost('relay.example.org', strict(resolvesTo('10.0.0.7')));
    assert.equal(
      !named.ok && named.reason,
      'relay.example.org resolves to a private address (10.0.0.7)',
    );
    const local = await checkOutboundHost('localhost', strict());
    assert.match(!local.ok ? local.reason : '', /localhost is this machine \(loopback, RFC 6761\)/);
  });

  it('refuses a name when any one of its addresses is private, including translated ones', async () => {
    for (const answer of [
      ['127.0.0.1'],
      ['::1'],
      ['93.184.215.14', '192.168.0.10'],
      ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'fe80::1'],
      ['::ffff:7f00:1'],
      ['64:ff9b::a9fe:a9fe'],
    ]) {
      const check = await checkOutboundHost('relay.example.org', strict(resolvesTo(...answer)));
      assert.equal(!check.ok && check.problem, 'forbidden', answer.join());
    }
  });

  it('gives the checked addresses to connect to, and says when a name does not resolve', async () => {
    const ok = await checkOutboundHost(
      'relay.example.org',
      strict(resolvesTo('93.184.215.14', '2606:4700:4700::1111')),
    );
    assert.deepEqual(ok, { ok: true, addresses: ['93.184.215.14', '2606:4700:4700::1111'] });
    assert.deepEqual(await checkOutboundHost('8.8.8.8', strict()), {
      ok: true,
      addresses: ['8.8.8.8'],
    });
    const failing = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const none = await checkOutboundHost('nowhere.invalid', strict(failing));
    assert.equal(!none.ok && none.problem, 'unresolvable');
    const empty = await checkOutboundHost('nowhere.invalid', strict(resolvesTo()));
    assert.equal(!empty.ok && empty.problem, 'unresolvable');
  });

  it('lets anything through, unresolved, with ALLOW_PRIVATE_NETWORKS', async () => {
    for (const host of ['127.0.0.1', 'localhost', 'intranet.corp']) {
      assert.deepEqual(await checkOutboundHost(host, { allowPrivate: true, resolve: noDns }), {
        ok: true,
        addresses: null,
      });
    }
  });
});
