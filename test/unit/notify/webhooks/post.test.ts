import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { after, before, describe, it } from 'node:test';
import { postWebhook } from '../../../../src/notify/webhooks/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../helpers/webhook-receiver.js';

/** Stands in for DNS: every name resolves to the given address. */
function fakeDns(address: string, family: 4 | 6 = 4) {
  return ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(null, [{ address, family }])) as unknown as typeof import('node:dns').lookup;
}

describe('posting a webhook', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(() => receiver.close());

  it('posts the body with its headers and reports a 2xx as delivered', async () => {
    const outcome = await postWebhook(
      receiver.url,
      '{"a":1}',
      { 'Mailbeacon-Delivery': 'd1' },
      {
        allowPrivate: true,
        timeoutMs: 5000,
      },
    );
    assert.deepEqual(outcome, { ok: true, status: 200, error: null });
    const [request] = await receiver.waitFor(1);
    assert.equal(request!.body, '{"a":1}');
    assert.equal(request!.headers['mailbeacon-delivery'], 'd1');
    assert.equal(request!.headers['content-type'], 'application/json');
  });

  it('reports another status with what the receiver said, and a refused connection', async () => {
    receiver.respondWith(500);
    const refused = await postWebhook(
      receiver.url,
      '{}',
      {},
      { allowPrivate: true, timeoutMs: 5000 },
    );
    assert.deepEqual(refused, {
      ok: false,
      status: 500,
      error: 'HTTP 500: the test receiver answers 500',
    });
    receiver.respondWith(302);
    const redirect = await postWebhook(
      receiver.url,
      '{}',
      {},
      { allowPrivate: true, timeoutMs: 5000 },
    );
    assert.equal(redirect.ok, false);
    assert.match(redirect.error ?? '', /redirects are not followed/);
    receiver.respondWith(200);
    await receiver.stop();
    try {
      const down = await postWebhook(
        receiver.url,
        '{}',
        {},
        { allowPrivate: true, timeoutMs: 5000 },
      );
      assert.equal(down.ok, false);
      assert.equal(down.status, null);
      assert.match(down.error ?? '', /ECONNREFUSED/);
    } finally {
      await receiver.start();
    }
  });

  it('refuses, at connect time, a host whose DNS answer turned private (rebinding)', async () => {
    const before = receiver.requests.length;
    const outcome = await postWebhook(
      `http://hooks.example.com:${receiver.port}/hook`,
      '{}',
      {},
      { allowPrivate: false, timeoutMs: 5000, dnsLookup: fakeDns('127.0.0.1') },
    );
    assert.equal(outcome.ok, false);
    assert.match(
      outcome.error ?? '',
      /hooks\.example\.com resolves to a loopback address \(127\.0\.0\.1\)/,
    );
    assert.equal(receiver.requests.length, before, 'nothing reached the receiver');
  });

  it('refuses a literal private target without WEBHOOK_ALLOW_PRIVATE', async () => {
    const before = receiver.requests.length;
    const outcome = await postWebhook(
      receiver.url,
      '{}',
      {},
      { allowPrivate: false, timeoutMs: 5000 },
    );
    assert.equal(outcome.ok, false);
    assert.match(outcome.error ?? '', /loopback/);
    assert.equal(receiver.requests.length, before);
  });
});
