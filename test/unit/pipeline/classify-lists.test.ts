import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseCidr } from '../../../src/config.js';
import {
  buildClassifierLists,
  classifyHit,
  DEFAULT_LISTS_DIR,
  type HitFacts,
  loadClassifierLists,
  networkSet,
  sameSource,
  sourceNetwork,
} from '../../../src/pipeline/classify/index.js';

const header = { source: 'https://example.org/ranges', retrieved: '2026-11-27' };

describe('network sets', () => {
  const set = networkSet(['17.0.0.0/8', '2a01:111:f403::/48', '198.51.100.7']);

  it('match IPv4, IPv6, IPv4-mapped IPv6 and single addresses', () => {
    assert.equal(set.has('17.58.101.140'), true);
    assert.equal(set.has('18.0.0.1'), false);
    assert.equal(set.has('2a01:111:f403:c200::3'), true);
    assert.equal(set.has('2a01:111:f404::1'), false);
    assert.equal(set.has('::ffff:17.1.2.3'), true);
    assert.equal(set.has('198.51.100.7'), true);
    assert.equal(set.has('198.51.100.8'), false);
    assert.equal(set.has(undefined), false);
    assert.equal(set.has('not an address'), false);
  });

  it('answer the same when asked again, beyond the addresses they remember', () => {
    const asked = Array.from({ length: 25_000 }, (_, i) => `17.${i >> 8}.${i & 255}.0`);
    asked.push('18.0.0.1', '198.51.100.7');
    for (let round = 0; round < 2; round++) {
      for (const ip of asked)
        assert.equal(set.has(ip), ip.startsWith('17.') || ip === '198.51.100.7');
    }
  });

  it('refuse malformed networks, naming them', () => {
    for (const bad of [
      '17.0.0.0/33',
      '17.0.0/8',
      'x::/12',
      '10.0.0.0/8/1',
      '10.0.0.0/',
      '::/129',
    ]) {
      assert.throws(() => parseCidr(bad), new RegExp(bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    }
  });

  it('compare sources by their stored (anonymised) network', () => {
    assert.equal(sourceNetwork('54.183.12.90'), '54.183.12.0');
    assert.equal(sameSource('54.183.12.90', '54.183.12.0'), true);
    assert.equal(sameSource('2003:c1:5f3a:a100::1', '2003:c1:5f3a::'), true);
    assert.equal(sameSource('54.183.12.90', '54.183.13.90'), false);
    assert.equal(sameSource(undefined, undefined), false);
  });

  it('give the same answers when an address is asked again (remembered, bounded)', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(sourceNetwork('203.0.113.77'), '203.0.113.0');
      assert.equal(sourceNetwork('not an address'), undefined);
      assert.equal(sameSource('not an address', 'not an address'), false);
    }
    // Past the memo's bound it starts over and still answers right.
    for (let i = 0; i < 10_050; i++) sourceNetwork(`10.${(i >> 8) & 255}.${i & 255}.9`);
    assert.equal(sourceNetwork('10.0.5.9'), '10.0.5.0');
    assert.equal(sourceNetwork('not an address'), undefined);
  });
});

describe('loading the lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classifier-lists-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped lists, each with its source and date', () => {
    const lists = loadClassifierLists();
    assert.ok(DEFAULT_LISTS_DIR.endsWith(`${join('data', 'classifier')}/`));
    const names = lists.files.map((f) => f.name);
    for (const name of [
      'apple-mpp-networks',
      'google-proxy-networks',
      'yahoo-proxy-networks',
      'microsoft-eop-networks',
      'microsoft-outlook-networks',
      'mimecast-networks',
      'proofpoint-networks',
      'barracuda-networks',
      'scanner-user-agents',
      'proxy-user-agents',
    ]) {
      assert.ok(names.includes(name), name);
    }
    for (const file of lists.files) {
      assert.ok(file.source.length > 20, file.name);
      assert.match(file.retrieved, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(file.entries > 0);
    }
  });

  it('picks up a new list file without code changes', () => {
    writeFileSync(
      join(dir, 'example-gateway-networks.json'),
      JSON.stringify({ kind: 'networks', role: 'scanner', ...header, entries: ['192.0.2.0/24'] }),
    );
    writeFileSync(
      join(dir, 'example-agents.json'),
      JSON.stringify({
        kind: 'user-agents',
        role: 'scanner',
        ...header,
        entries: [{ name: 'example', pattern: '^ExampleScanner/', types: ['click'] }],
      }),
    );
    writeFileSync(join(dir, 'README.txt'), 'not a list');
    const lists = loadClassifierLists(dir);
    const facts: HitFacts = {
      type: 'click',
      method: 'GET',
      at: 0,
      ip: '192.0.2.10',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      linkIndex: 0,
      honeypot: false,
      senderSession: false,
      internalNetwork: false,
    };
    const context = { deliveredAt: null, prior: [] };
    assert.equal(classifyHit(facts, context, lists).reason, 'scanner_network');
    const byAgent = classifyHit(
      { ...facts, ip: '8.8.4.4', userAgent: 'ExampleScanner/1' },
      context,
      lists,
    );
    assert.deepEqual(byAgent, {
      classification: 'machine',
      reason: 'scanner_ua',
      detail: 'example-agents#example',
    });
  });

  it('stops with the file and the fault when a list is malformed', () => {
    const cases: [unknown, RegExp][] = [
      [
        { kind: 'networks', role: 'scanner', retrieved: '2026-11-27', entries: ['1.2.3.0/24'] },
        /source/,
      ],
      [
        {
          kind: 'networks',
          role: 'scanner',
          source: 'x',
          retrieved: 'yesterday',
          entries: ['1.2.3.0/24'],
        },
        /retrieved/,
      ],
      [{ kind: 'networks', role: 'scanner', ...header, entries: [] }, /entries/],
      [{ kind: 'networks', role: 'proxy', ...header, entries: ['1.2.3.0/24'] }, /role/],
      [{ kind: 'networks', role: 'scanner', ...header, entries: ['1.2.3.0/40'] }, /1\.2\.3\.0\/40/],
      [{ kind: 'lists', ...header, entries: ['x'] }, /kind/],
      [
        { kind: 'user-agents', role: 'scanner', ...header, entries: [{ name: 'a', pattern: '(' }] },
        /a:/,
      ],
      [{ kind: 'user-agents', ...header, entries: [{ name: 'b', pattern: 'x' }] }, /b: role/],
      [{ kind: 'user-agents', role: 'scanner', ...header, entries: [{ name: 'c' }] }, /pattern/],
      [
        {
          kind: 'user-agents',
          role: 'scanner',
          ...header,
          entries: [{ name: 'd', exact: 'x', types: ['view'] }],
        },
        /types/,
      ],
    ];
    for (const [content, message] of cases) {
      assert.throws(
        () => buildClassifierLists({ broken: content }),
        (error: Error) =>
          error.message.startsWith('classifier list broken.json: ') && message.test(error.message),
        JSON.stringify(content),
      );
    }
    writeFileSync(join(dir, 'zz-not-json.json'), '{ nope');
    assert.throws(() => loadClassifierLists(dir), /zz-not-json\.json/);
  });
});
