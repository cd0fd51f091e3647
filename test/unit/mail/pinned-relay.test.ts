import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pinnedRelay } from '../../../src/mail/smtp/pinned-relay.js';

/** A resolver that answers from a script, one answer per call, and counts the calls. */
function scriptedDns(...answers: string[][]) {
  const calls: string[] = [];
  return {
    calls,
    resolve: async (hostname: string) => {
      calls.push(hostname);
      return answers[calls.length - 1] ?? [];
    },
  };
}

describe('pinnedRelay', () => {
  it('asks DNS once and connects to the address it checked, verifying TLS against the name', async () => {
    // A rebinding resolver: public first, loopback on any later question.
    const dns = scriptedDns(['93.184.215.14'], ['127.0.0.1']);
    const pinned = await pinnedRelay('Relay.Example.net', { allowPrivate: false, ...dns });
    assert.deepEqual(pinned, { host: '93.184.215.14', servername: 'relay.example.net' });
    assert.deepEqual(dns.calls, ['relay.example.net'], 'one question, its answer used');
  });

  it('throws an error toSmtpFailure reads as refused (EOUTBOUNDFORBIDDEN) or unresolved (EDNS)', async () => {
    await assert.rejects(
      pinnedRelay('relay.example.net', { allowPrivate: false, ...scriptedDns(['::1']) }),
      { code: 'EOUTBOUNDFORBIDDEN', command: 'CONN', message: /loopback address \(::1\)/ },
    );
    await assert.rejects(
      pinnedRelay('relay.example.net', { allowPrivate: false, ...scriptedDns() }),
      {
        code: 'EDNS',
      },
    );
    await assert.rejects(pinnedRelay('127.0.0.1', { allowPrivate: false, ...scriptedDns() }), {
      code: 'EOUTBOUNDFORBIDDEN',
    });
  });

  it('sends no name as SNI for a literal address, and leaves the host alone when private is allowed', async () => {
    assert.deepEqual(await pinnedRelay('8.8.8.8', { allowPrivate: false }), { host: '8.8.8.8' });
    const dns = scriptedDns();
    assert.deepEqual(await pinnedRelay('localhost', { allowPrivate: true, ...dns }), {
      host: 'localhost',
    });
    assert.deepEqual(dns.calls, []);
  });
});
