import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SentMessage, sendTrackedMessage, signupAdmin } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';

// TRUST_PROXY lets the test speak for any address through X-Forwarded-For, as a real reverse
// proxy in front of the service would: scanners' and providers' networks included.
for (const engine of testEngines()) {
  describe(`people apart from machines, through the real hit path (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let sender: HttpClient;
    let sent: SentMessage;
    let messageId: string;

    // Each hit is answered, then processed, before the test goes on.
    const hit = async (url: string, ip: string, userAgent: string, init: RequestInit = {}) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: {
          'x-forwarded-for': ip,
          'user-agent': userAgent,
          ...(init.headers as Record<string, string>),
        },
      });
      await server.service.idle();
      return response;
    };
    const events = async (email: string) =>
      ((await sender.get(`/api/v1/messages/${messageId}/events`)).body.events as any[]).filter(
        (e) => e.recipient.email === email,
      );
    const notifications = async () =>
      (await sender.get('/api/v1/notifications')).body.notifications as any[];

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true' },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: 500 } },
      );
      sender = (await signupAdmin(server.url, { name: 'Anna' })).client;
      sent = await sendTrackedMessage(
        sender,
        {
          to: ['scanned', 'gmail', 'apple', 'self', 'office'].map((n) => ({
            email: `${n}@example.org`,
          })),
          html: '<html><body><a href="https://example.com/1">1</a> <a href="https://example.com/2">2</a> <a href="https://example.com/3">3</a></body></html>',
        },
        { relay, untilSent: true },
      );
      messageId = sent.id;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('labels a security scanner’s burst at delivery machine, and tells nobody', async () => {
      const urls = sent.urls('scanned@example.org');
      for (const click of urls.clicks) {
        assert.equal((await hit(click, '40.107.22.15', 'python-requests/2.31.0')).status, 302);
      }
      await hit(urls.honeypot!, '40.107.22.15', 'python-requests/2.31.0');
      const labelled = await waitUntil(async () => {
        const list = await events('scanned@example.org');
        return list.length >= 4 ? list : undefined;
      }, 'the scanner’s events');
      assert.ok(
        labelled.every((e) => e.classification === 'machine'),
        JSON.stringify(labelled),
      );
      assert.ok(
        labelled.every((e) => e.reason),
        'each with its reason',
      );
      // Past the settle window: whatever was going to be told has been.
      server.clock.advance(1200);
      await server.service.idle();
      assert.equal((await notifications()).filter((n) => /scanned/.test(n.text)).length, 0);
    });

    it('keeps Gmail’s proxy open a real open (proxy) that notifies', async () => {
      const urls = sent.urls('gmail@example.org');
      await hit(urls.pixel, '66.102.8.20', GMAIL_PROXY);
      const [open] = await waitUntil(async () => {
        const list = await events('gmail@example.org');
        return list.length > 0 ? list : undefined;
      }, 'the proxy open');
      assert.equal(open.classification, 'proxy');
      assert.equal(open.reason, 'gmail_proxy');
      await waitUntil(
        async () => (await notifications()).some((n) => /gmail@example\.org opened/.test(n.text)),
        'its notification',
      );
    });

    it('labels Apple’s privacy prefetch machine, and the reader’s later click human', async () => {
      const urls = sent.urls('apple@example.org');
      await hit(urls.pixel, '17.58.63.10', 'Mozilla/5.0');
      await deliveredAgo(server.service.store, messageId);
      await hit(urls.clicks[0]!, '93.40.12.7', SAFARI);
      const list = await waitUntil(async () => {
        const l = await events('apple@example.org');
        return l.length >= 2 ? l : undefined;
      }, 'both events');
      const prefetch = list.find((e) => e.type === 'open' && !e.inferred);
      assert.equal(prefetch.classification, 'machine');
      assert.equal(prefetch.reason, 'apple_mpp');
      const click = list.find((e) => e.type === 'click');
      assert.equal(click.classification, 'human');
      assert.equal(click.reason, null);
    });

    it('labels the sender’s own look at the mail self, and never notifies it', async () => {
      const urls = sent.urls('self@example.org');
      await hit(urls.pixel, '93.40.12.8', SAFARI, { headers: { cookie: sender.cookie! } });
      const [open] = await waitUntil(async () => {
        const l = await events('self@example.org');
        return l.length > 0 ? l : undefined;
      }, 'the self open');
      assert.equal(open.classification, 'self');
      assert.equal(open.reason, 'sender_session');
      server.clock.advance(1200);
      await server.service.idle();
      assert.equal((await notifications()).filter((n) => /self@example/.test(n.text)).length, 0);
    });

    it('labels hits from the workspace’s internal networks self', async () => {
      await sender.patch('/api/v1/workspace/settings', { internalNetworks: ['10.20.0.0/16'] });
      await hit(sent.urls('office@example.org').pixel, '10.20.3.4', SAFARI);
      const [open] = await waitUntil(async () => {
        const l = await events('office@example.org');
        return l.length > 0 ? l : undefined;
      }, 'the office open');
      assert.equal(open.classification, 'self');
      assert.equal(open.reason, 'internal_network');
    });
  });
}
