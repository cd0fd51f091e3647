import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay } from '../../helpers/smtp-relay.js';
import { startTestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

async function recordedIp(
  env: Record<string, string>,
  forwardedFor: string,
): Promise<string | undefined> {
  const relay = await startTestRelay();
  const server = await startTestService(
    'sqlite',
    { SMTP_URL: relay.url, ...env },
    { outbox: { pollMs: 50 } },
  );
  try {
    const { client } = await signupAdmin(server.url);
    const sent = await sendTrackedMessage(client, {}, { relay });
    const urls = sent.urls();
    await fetch(onServer(urls.pixel, server.url), { headers: { 'x-forwarded-for': forwardedFor } });
    const events = await waitUntil(async () => {
      const r = await client.get(`/api/v1/messages/${sent.id}/events`);
      return r.body.events.length > 0 ? r.body.events : undefined;
    }, 'the open');
    return events[0].ip;
  } finally {
    await server.close();
    await relay.close();
  }
}

describe('the client address kept with an event', () => {
  it('comes from X-Forwarded-For only when TRUST_PROXY allows, and is kept as TRACKING_IP says', async () => {
    assert.equal(
      await recordedIp({ TRUST_PROXY: 'true', TRACKING_IP: 'full' }, '203.0.113.77'),
      '203.0.113.77',
    );
    assert.equal(await recordedIp({ TRUST_PROXY: 'true' }, '203.0.113.77'), '203.0.113.0');
    assert.equal(
      await recordedIp({ TRUST_PROXY: '127.0.0.1', TRACKING_IP: 'full' }, '198.51.100.4'),
      '198.51.100.4',
    );
    assert.equal(
      await recordedIp({ TRUST_PROXY: '10.0.0.1', TRACKING_IP: 'full' }, '198.51.100.4'),
      '127.0.0.1',
    );
    assert.equal(await recordedIp({ TRACKING_IP: 'full' }, '198.51.100.4'), '127.0.0.1');
    assert.equal(await recordedIp({ TRACKING_IP: 'none' }, '198.51.100.4'), undefined);
  });
});
