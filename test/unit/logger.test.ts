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
