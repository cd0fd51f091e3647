import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { TrackingIpMode } from '../../src/config.js';
import { createLogger, scrubLogText } from '../../src/logger.js';

/** A logger at trace level writing into an array of parsed lines. */
function capture(trackingIp: TrackingIpMode = 'anonymize') {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ logLevel: 'trace', trackingIp }, destination), lines };
}

describe('scrubLogText', () => {
  it('replaces tokens, privacy paths, query strings and addresses', () => {
    const cases: [string, string][] = [
      ['/t/o/k1AbCdEf_-123', '/t/o/[token]'],
      ['GET /t/d/k1Token/01JATTACHMENT failed', 'GET /t/d/[token] failed'],
      ['/api/v1/do-not-track/mario%40example.org', '/api/v1/do-not-track/[redacted]'],
      ['/api/v1/recipients/JOS%C3%89.%C3%9Cnal%40ext.example', '/api/v1/recipients/[redacted]'],
      ['/api/v1/consents/a@b.example?x=1', '/api/v1/consents/[redacted]?[query]'],
      ['/signup?invite=secret-token', '/signup?[query]'],
      ['https://x.example/a/b?email=a%40b.example#top', 'https://x.example/a/b?[query]#top'],
      ['Key (email)=(mario.rossi@example.org) exists', 'Key (email)=([address]) exists'],
      ['to JOSÉ.Ünal@ext.example now', 'to [address] now'],
      ['a%2Bb%40x.example', '[address]'],
      ['ünal@bücher.example', '[address]'],
    ];
    for (const [text, expected] of cases) assert.equal(scrubLogText(text), expected, text);
  });

  it('leaves what is not personal', () => {
    for (const text of [
      'Server listening at http://127.0.0.1:3000',
      'appending hits failed; spooling them',
      'at node_modules/fastify@5.12.8/lib/route.js:12:3',
      '@bank.example',
      'Did you forget to return the reply?',
      'connect ECONNREFUSED 10.0.0.5:5432',
    ]) {
      assert.equal(scrubLogText(text), text);
    }
  });
});

/**
 * Addresses of every form the scrubber must know (issue 13 point 5): the atext characters of
 * RFC 5322 one by one, quoted local parts (with spaces, commas, at-signs, escaped quotes),
 * Unicode local parts and domains (RFC 6531), IP literals and bare IP domains.
 */
const ADDRESSES = [
  'mario.rossi@example.org',
  "o'brien@x.com",
  'a!b@x.com',
  'a#b@x.com',
  'a$b@x.com',
  'a%b@x.com',
  'a&b@x.com',
  'a*b@x.com',
  'a+b@x.com',
  'a/b@x.com',
  'a=b@x.com',
  'a?b@x.com',
  'a^b@x.com',
  'a_b@x.com',
  'a`b@x.com',
  'a{b}@x.com',
  'a|b@x.com',
  'a~b@x.com',
  'a-b@x.com',
  '"lee b"@x.com',
  '"A B"@c.com',
  '"a,b;c"@x.com',
  '"a@b"@x.com',
  '"a\\"b"@x.com',
  'kate@192.168.1.1',
  'kate@[192.168.1.1]',
  'kate@[IPv6:2001:db8::1]',
  'JOSÉ.Ünal@ext.example',
  'ünal@bücher.example',
  '用户@例子.广告',
  'δοκιμή@παράδειγμα.δοκιμή',
  'x@y.z',
];

/** What is left of `text` that could identify the address: its local part (4+ characters). */
function leaks(text: string, address: string): boolean {
  const local = address.slice(0, address.lastIndexOf('@')).replace(/^"|"$/g, '');
  const parts = local.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 2);
  return (
    text.includes(address) ||
    text.includes(encodeURIComponent(address)) ||
    parts.some((part) => part.length >= 4 && text.includes(part)) ||
    text.includes(address.slice(address.lastIndexOf('@')))
  );
}

describe('scrubLogText, every form of address', () => {
  it('replaces a path segment holding an at-sign whole, in any encoding', () => {
    for (const address of ADDRESSES) {
      // A raw `/`, `?`, `#` or space would end the segment in a URL: those go percent-encoded.
      for (const segment of [
        ...(/[/?#\s]/.test(address) ? [] : [address]),
        encodeURIComponent(address),
        encodeURIComponent(encodeURIComponent(address)),
        encodeURIComponent(address).replace(/%40/g, '%40'.toLowerCase()),
        encodeURIComponent(address).replace('%40', '%2540'),
        encodeURIComponent(address).replace('%40', '%252540'),
      ]) {
        for (const [text, expected] of [
          [`/api/v1/messages/${segment}`, '/api/v1/messages/[address]'],
          [`GET /api/v1/messages/${segment}/events`, 'GET /api/v1/messages/[address]/events'],
          [`https://x.example/a/${segment}?x=1#top`, 'https://x.example/a/[address]?[query]#top'],
          [`Route GET:/api/v1/messages/${segment} not found`, null],
        ] as const) {
          const scrubbed = scrubLogText(text);
          if (expected) assert.equal(scrubbed, expected, text);
          assert.ok(!leaks(scrubbed, address), `${text} -> ${scrubbed}`);
        }
      }
    }
  });

  it('replaces addresses in query strings, error messages and free text', () => {
    for (const address of ADDRESSES) {
      for (const text of [
        `/api/v1/messages?to=${encodeURIComponent(address)}&x=${address}`,
        `/signup?email=${address}`,
        `streamMime: to[0] email ${JSON.stringify(address)} is not valid`,
        `${JSON.stringify(address)} is not a valid email address`,
        `Key (email)=(${address}) already exists.`,
        `to ${address}, cc ${address}; bcc <${address}>`,
        `mailto:${address}`,
        `${JSON.stringify(JSON.stringify({ to: [{ email: address }] }))}`,
        `${encodeURIComponent(address)} refused`,
      ]) {
        const scrubbed = scrubLogText(text);
        assert.ok(scrubbed.includes('[address]') || scrubbed.includes('[query]'), text);
        assert.ok(!leaks(scrubbed, address), `${text} -> ${scrubbed}`);
      }
    }
  });

  it('the forms the review found', () => {
    const cases: [string, string][] = [
      ['GET /api/v1/messages/"lee%20b"@x.com', 'GET /api/v1/messages/[address]'],
      ['/api/v1/messages/kate@192.168.1.1', '/api/v1/messages/[address]'],
      ['/api/v1/messages/a%2540b.com', '/api/v1/messages/[address]'],
      ['/api/v1/messages/A%2540B.COM', '/api/v1/messages/[address]'],
      ["o'brien@x.com", '[address]'],
      ["sent to o'brien@x.com.", 'sent to [address].'],
      [
        'streamMime: to[0] email "\\"A B\\"@c.com" is not valid',
        'streamMime: to[0] email [address]" is not valid',
      ],
      ['"a b"@c.com and "c d"@e.org', '[address] and [address]'],
      ['said "hi" to "a b"@c.com', 'said "hi" to [address]'],
      ['kate@[192.168.1.1] and kate%40%5B10.0.0.1%5D', '[address] and [address]'],
      ['/api/v1/recipients/"lee%20b"', '/api/v1/recipients/[redacted]'],
    ];
    for (const [text, expected] of cases) assert.equal(scrubLogText(text), expected, text);
  });

  it('keeps stack traces, package versions and server addresses', () => {
    for (const text of [
      'at /app/node_modules/fastify@5.12.8/lib/route.js:12:3',
      'at Object.<anonymous> (/app/node_modules/.pnpm/@fastify+ajv-compiler@4.0.1_ajv@8.17.1/node_modules/x.js:1:1)',
      'at file:///app/node_modules/@fastify/cookie/plugin.js:3:9',
      'GET /@vite/client',
      'connect ECONNREFUSED 10.0.0.5:5432',
      'pino@9.0.0 and fastify@5.12.8',
      'https://x.example/a/b#top',
    ]) {
      assert.equal(scrubLogText(text), text);
    }
  });

  it('takes linear time on a long line', () => {
    const started = performance.now();
    scrubLogText(`${'a'.repeat(200_000)}@${'b.'.repeat(50_000)}`);
    scrubLogText(`/${'"x'.repeat(50_000)}@`);
    scrubLogText(`${'"\\'.repeat(50_000)}@x.com`);
    assert.ok(performance.now() - started < 2000);
  });
});

describe('createLogger', () => {
  const request = {
    method: 'DELETE',
    url: '/api/v1/do-not-track/mario%40example.org?confirm=mario@example.org',
    ip: '203.0.113.77',
    headers: { referer: 'https://mail.example/read/42', cookie: 'mb_session=x' },
    socket: { remoteAddress: '203.0.113.77', remotePort: 51234 },
  };

  it('logs a request as its method, scrubbed path and anonymised address only', () => {
    for (const [mode, ip] of [
      ['anonymize', '203.0.113.0'],
      ['full', '203.0.113.0'],
      ['none', undefined],
    ] as const) {
      const { log, lines } = capture(mode);
      log.info({ req: request, res: { statusCode: 204, headers: {} } }, 'done');
      assert.deepEqual(lines[0]!.req, {
        method: 'DELETE',
        url: '/api/v1/do-not-track/[redacted]?[query]',
        ...(ip ? { ip } : {}),
      });
      assert.deepEqual(lines[0]!.res, { statusCode: 204 });
    }
    const { log, lines } = capture();
    log.info({
      req: { method: 'GET', url: '/t/o/tok', socket: { remoteAddress: '2001:db8:abcd:12::1' } },
    });
    assert.deepEqual(lines[0]!.req, { method: 'GET', url: '/t/o/[token]', ip: '2001:db8:abcd::' });
  });

  it('scrubs errors, their causes, messages and string fields at every level', () => {
    const { log, lines } = capture();
    const cause = new Error('insert failed for anna@example.org');
    const error = new Error('Reply already sent for /api/v1/recipients/anna%40example.org', {
      cause,
    });
    Object.assign(error, { detail: 'Key (email)=(anna@example.org) already exists.' });
    log.error({ err: error, url: '/t/c/tok?x=1', count: 3 }, 'failed for anna@example.org');
    log.debug('plain message for anna@example.org');
    log.trace({ note: 'see /api/v1/consents/anna@example.org' });
    const text = JSON.stringify(lines);
    assert.doesNotMatch(text, /anna/);
    assert.equal(lines[0]!.url, '/t/c/[token]?[query]');
    assert.equal(lines[0]!.count, 3);
    assert.equal(lines[0]!.msg, 'failed for [address]');
    assert.match(lines[0]!.err.detail, /\(\[address\]\)/);
    assert.match(lines[0]!.err.stack, /recipients\/\[redacted\]/);
    assert.equal(lines[1]!.msg, 'plain message for [address]');
  });

  it('still redacts credentials', () => {
    const { log, lines } = capture();
    log.info({ settings: { password: 'hunter2', smtpUrl: 'smtp://u:p@h' } });
    assert.doesNotMatch(JSON.stringify(lines), /hunter2|u:p@h/);
  });
});
