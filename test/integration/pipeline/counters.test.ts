import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  signupMember,
} from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';

// TRUST_PROXY lets the test speak for any address through X-Forwarded-For, as a reverse proxy
// in front of the service would.
for (const engine of testEngines()) {
  describe(`people's counters apart from machines', and the team's own apart from both (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let sender: HttpClient;
    let senderEmail: string;
    let colleagueEmail: string;
    let messageId: string;
    let sent: SentMessage;

    const hit = async (url: string, ip: string, userAgent: string, init: RequestInit = {}) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
      await server.service.idle();
      return response;
    };
    /** Everything processed, and every settle window passed: what a reader sees a minute later. */
    const settled = async () => {
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
    };
    const recipient = async (email: string) =>
      (await sender.get(`/api/v1/messages/${messageId}`)).body.recipients.find(
        (r: any) => r.email.toLowerCase() === email.toLowerCase(),
      );
    const events = async (email: string) =>
      ((await sender.get(`/api/v1/messages/${messageId}/events`)).body.events as any[]).filter(
        (e) => e.recipient.email.toLowerCase() === email.toLowerCase(),
      );
    const counts = (r: any) => ({
      opens: r.opens,
      clicks: r.clicks,
      downloads: r.downloads,
      machine: r.machine,
    });
    const told = async (pattern: RegExp) =>
      ((await sender.get('/api/v1/notifications')).body.notifications as any[]).filter((n) =>
        pattern.test(n.text),
      );

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true' },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: SETTLE_MS } },
      );
      const signup = await signupAdmin(server.url, { name: 'Anna' });
      sender = signup.client;
      senderEmail = signup.input.email;
      colleagueEmail = (await signupMember(sender)).input.email;
      sent = await sendTrackedMessage(
        sender,
        {
          to: ['reader', 'apple', 'unmasked'].map((n) => ({ email: `${n}@example.org` })),
          // The sender's own Bcc, written as people type it; a colleague in Cc.
          cc: [{ email: colleagueEmail }],
          bcc: [{ email: senderEmail.toUpperCase() }],
          html: '<html><body><a href="https://example.com/1">1</a> <a href="https://example.com/2">2</a></body></html>',
        },
        { relay },
      );
      messageId = sent.id;
      await server.service.idle();
      await deliveredAgo(server.service.store, messageId);
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('labels every hit on a copy addressed to a workspace member self, counts it nowhere, tells nobody', async () => {
      for (const email of [senderEmail, colleagueEmail]) {
        const urls = sent.urls(email);
        assert.equal((await hit(urls.pixel, '93.40.12.7', THUNDERBIRD)).status, 200);
        assert.equal((await hit(urls.clicks[0]!, '93.40.12.7', SAFARI)).status, 302);
      }
      await settled();
      for (const email of [senderEmail, colleagueEmail]) {
        const list = await events(email);
        assert.ok(list.length >= 2, email);
        for (const event of list) {
          assert.equal(event.classification, 'self', JSON.stringify(event));
          assert.equal(event.reason, 'workspace_member');
        }
        // The copy was opened (by the team): its click implies no further open.
        assert.deepEqual(
          list.filter((e) => e.inferred),
          [],
        );
        assert.deepEqual(counts(await recipient(email)), {
          opens: 0,
          clicks: 0,
          downloads: 0,
          machine: { opens: 0, clicks: 0, downloads: 0 },
        });
      }
      assert.deepEqual(await told(/opened|clicked|aperto|cliccato/), []);
    });

    it('counts Apple’s privacy prefetch and a link checker apart from the reader', async () => {
      const urls = sent.urls('apple@example.org');
      await hit(urls.pixel, '17.58.63.10', 'Mozilla/5.0');
      await hit(urls.clicks[0]!, '52.1.2.3', 'Mozilla/5.0 (compatible; LinkChecker)', {
        method: 'HEAD',
      });
      await settled();
      const apple = await recipient('apple@example.org');
      assert.equal(apple.opens, 0);
      assert.equal(apple.clicks, 0);
      assert.equal(apple.machine.opens, 1, 'the prefetch (the HEAD implies no open: there is one)');
      assert.equal(apple.machine.clicks, 1);

      await hit(urls.pixel, '93.40.12.9', THUNDERBIRD);
      await settled();
      const after = await recipient('apple@example.org');
      assert.equal(after.opens, 1, 'the reader’s own open');
      assert.equal(after.machine.opens, 1);
      const notices = await told(/apple@example\.org opened/);
      assert.equal(notices.length, 1, 'only the reader’s open tells anyone');
      assert.doesNotMatch(notices[0].text, /2nd time/, 'machines’ opens are not counted as times');
    });

    it('counts a reader’s opens in the ordinal, and moves counts when a later hit unmasks a machine', async () => {
      const reader = sent.urls('reader@example.org');
      await hit(reader.pixel, '93.40.12.10', THUNDERBIRD);
      await hit(reader.pixel, '93.40.12.10', THUNDERBIRD);
      await settled();
      assert.equal((await told(/reader@example\.org opened.*2nd time/)).length, 1);

      const urls = sent.urls('unmasked@example.org');
      await hit(urls.clicks[1]!, '40.1.2.3', SAFARI);
      const before = await recipient('unmasked@example.org');
      assert.deepEqual(counts(before), {
        opens: 1,
        clicks: 1,
        downloads: 0,
        machine: { opens: 0, clicks: 0, downloads: 0 },
      });
      // The hidden link, from the same network within the minute: it was a machine all along.
      await hit(urls.honeypot!, '40.1.2.200', SAFARI);
      await settled();
      const after = await recipient('unmasked@example.org');
      assert.deepEqual(counts(after), {
        opens: 0,
        clicks: 0,
        downloads: 0,
        machine: { opens: 1, clicks: 2, downloads: 0 },
      });
      const list = await events('unmasked@example.org');
      assert.ok(
        list.every((e) => e.classification === 'machine'),
        JSON.stringify(list),
      );
      assert.deepEqual(await told(/unmasked@example\.org/), []);
    });

    it('shows both counts in the sent list, the message and the stats', async () => {
      const list = (await sender.get('/api/v1/messages?status=sent')).body;
      const summary = (list.messages ?? list.items ?? list).find((m: any) => m.id === messageId);
      const apple = summary.recipients.find((r: any) => r.email === 'apple@example.org');
      assert.deepEqual(apple.machine, { opens: 1, clicks: 1, downloads: 0 });
      assert.equal(apple.opens, 1);
    });
  });
}
