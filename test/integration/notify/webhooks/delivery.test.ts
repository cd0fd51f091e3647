import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { lineText, parseFact } from '../../../../src/notify/index.js';
import { verifyWebhookSignature } from '../../../../src/notify/webhooks/index.js';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  signupMember,
} from '../../../factories.js';
import { testEngines } from '../../../helpers/engines.js';
import type { HttpClient } from '../../../helpers/http-client.js';
import { onServer } from '../../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../../helpers/test-service.js';
import { waitUntil } from '../../../helpers/wait.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../helpers/webhook-receiver.js';
import {
  queueRecipientEvents,
  TEST_RETRY_DELAYS_MS,
  TEST_SERVICE_OPTIONS,
  type WebhookApi,
  webhookApi,
} from './harness.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const OFFER = 'https://shop.example.com/offerta?id=42&ref=mail';
const RECIPIENTS = [
  { email: 'mario@example.org', name: 'Mario Rossi' },
  { email: 'lucia@example.org', name: 'Lucia <Bianchi> & Co' },
  { email: 'paolo@example.org', name: 'Paolo Verdi' },
  { email: 'giulia@example.org', name: 'Giulia Neri' },
];

for (const engine of testEngines()) {
  describe(`webhook deliveries of real tracking events (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let api: WebhookApi;
    /** The first admin on the server itself, and on the webhook routes. */
    let owner: { client: HttpClient; user: { id: string } };
    let admin: HttpClient;
    let messageId: string;
    let sent: SentMessage;
    const receivers: WebhookReceiver[] = [];

    // Each hit is answered, then processed, before the test goes on.
    const hit = async (url: string) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'user-agent': THUNDERBIRD },
      });
      await server.service.idle();
      return response;
    };
    const receiver = async () => {
      const started = await startWebhookReceiver();
      receivers.push(started);
      return started;
    };
    /** Each test's subscriptions, deleted after it, so no test hears another's events. */
    let subscribed: string[] = [];
    const subscribe = async (body: Record<string, unknown>) => {
      const created = await admin.post('/api/v1/webhooks', body);
      assert.equal(created.status, 201, created.text);
      subscribed.push(created.body.id);
      return created.body as { id: string; secret: string };
    };
    /**
     * Queues what the recipient's hits recorded (the service may have queued it already: then
     * nothing is new); the service's webhook worker delivers it. Returns how many are new.
     */
    const queue = (email: string) => queueRecipientEvents(server, messageId, email);
    /**
     * The subscription's deliveries of one recipient's events: a subscription hears the whole
     * workspace, and an earlier test's click can reach it when its settle window ends.
     */
    const deliveriesOf = async (webhookId: string, email: string) => {
      const events = (await admin.get(`/api/v1/messages/${messageId}/events`)).body.events as any[];
      const ids = new Set(events.filter((e) => e.recipient.email === email).map((e) => e.id));
      return (await deliveries(webhookId)).filter((d: any) => ids.has(d.eventId));
    };
    const deliveries = async (webhookId: string) => {
      const log = await admin.get(`/api/v1/webhooks/${webhookId}/deliveries`);
      assert.equal(log.status, 200, log.text);
      return log.body.deliveries as any[];
    };
    const jobsOf = (webhookId: string) =>
      server.service.store.db
        .selectFrom('jobs')
        .select(['status', 'idempotencyKey'])
        .where('queue', '=', 'webhook')
        .where('idempotencyKey', 'like', `webhook:${webhookId}:%`)
        .execute();

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { WEBHOOK_ALLOW_PRIVATE: 'true', SMTP_URL: relay.url },
        TEST_SERVICE_OPTIONS,
      );
      const signedUp = await signupAdmin(server.url, { name: 'Anna Bianchi' });
      owner = signedUp;
      api = await webhookApi(server, signedUp.client);
      admin = api.as(signedUp.client);
      sent = await sendTrackedMessage(
        signedUp.client,
        {
          to: RECIPIENTS,
          subject: 'Offerta Q4',
          html: `<html><body><p><a href="${OFFER.replace('&', '&amp;')}">Offerta</a></p></body></html>`,
        },
        { relay },
      );
      messageId = sent.id;
    });
    afterEach(async () => {
      for (const id of subscribed) await admin.delete(`/api/v1/webhooks/${id}`);
      subscribed = [];
    });
    after(async () => {
      await api.close();
      await server.close();
      await relay.close();
      for (const r of receivers) await r.close();
    });

    it('posts a real click to a loopback receiver, signed with the subscription’s secret', async () => {
      const hook = await receiver();
      const webhook = await subscribe({ url: hook.url, events: ['click'] });
      const click = await hit(sent.urls('mario@example.org').clicks[0]!);
      assert.equal(click.status, 302);
      await queue('mario@example.org');
      assert.equal(
        (await deliveries(webhook.id)).length,
        1,
        'one delivery: the inferred open is not subscribed',
      );

      const [request] = await hook.waitFor(1);
      assert.equal(request!.method, 'POST');
      assert.equal(request!.path, '/hook');
      assert.equal(request!.headers['content-type'], 'application/json');
      const check = verifyWebhookSignature(
        webhook.secret,
        request!.headers['mailbeacon-signature'] as string,
        request!.body,
        300,
      );
      assert.equal(check.valid, true, JSON.stringify(check));
      assert.equal(
        verifyWebhookSignature(
          'whsec_not-the-secret',
          request!.headers['mailbeacon-signature'] as string,
          request!.body,
          300,
        ).valid,
        false,
      );
      assert.equal(request!.headers['mailbeacon-event'], 'click');

      const body = JSON.parse(request!.body);
      assert.equal(body.id, request!.headers['mailbeacon-delivery']);
      assert.equal(body.type, 'click');
      assert.equal(body.event.type, 'click');
      assert.equal(body.event.inferred, false);
      assert.deepEqual(body.event.link, { url: OFFER });
      assert.ok(!Number.isNaN(Date.parse(body.event.at)));
      assert.deepEqual(body.message, { id: messageId, subject: 'Offerta Q4' });
      assert.equal(body.recipient.email, 'mario@example.org');
      assert.equal(body.recipient.name, 'Mario Rossi');

      const events = (await owner.client.get(`/api/v1/messages/${messageId}/events`)).body.events;
      const recorded = events.find(
        (e: any) => e.type === 'click' && e.recipient.email === 'mario@example.org',
      );
      assert.equal(body.event.id, recorded.id);
      // Whatever the classifier made of a click this soon after sending, the payload says the same.
      assert.equal(body.event.classification, recorded.classification);
      assert.equal(body.event.reason, recorded.reason);

      await waitUntil(
        async () => (await deliveries(webhook.id))[0]?.status === 'delivered',
        'the delivery to be logged as delivered',
      );
      const [logged] = await deliveries(webhook.id);
      assert.equal(logged.id, body.id);
      assert.equal(logged.eventType, 'click');
      assert.equal(logged.eventId, body.event.id);
      assert.equal(logged.attempts, 1);
      assert.equal(logged.responseStatus, 200);
      assert.equal(logged.error, null);
      assert.ok(logged.deliveredAt);

      assert.equal(
        await queue('mario@example.org'),
        0,
        'queueing the same events again adds nothing',
      );
      assert.equal((await deliveries(webhook.id)).length, 1);
      assert.deepEqual(
        (await jobsOf(webhook.id)).map((j) => j.status),
        ['done'],
      );
      assert.equal(hook.requests.length, 1);
    });

    it('posts {"text": …} to a Slack-format subscription, escaped as Slack requires', async () => {
      const hook = await receiver();
      const webhook = await subscribe({ url: hook.url, events: ['open'], format: 'slack' });
      assert.equal((await hit(sent.urls('lucia@example.org').pixel)).status, 200);
      await queue('lucia@example.org');
      assert.equal((await deliveries(webhook.id)).length, 1);
      const [request] = await hook.waitFor(1);
      assert.deepEqual(JSON.parse(request!.body), {
        text: 'Lucia &lt;Bianchi&gt; &amp; Co opened «Offerta Q4»',
      });
      assert.equal(
        verifyWebhookSignature(
          webhook.secret,
          request!.headers['mailbeacon-signature'] as string,
          request!.body,
          300,
        ).valid,
        true,
      );
    });

    it('delivers each event exactly once to a receiver that was down and came back', async () => {
      const hook = await receiver();
      const webhook = await subscribe({ url: hook.url, events: ['open', 'click'] });
      await hook.stop();
      const urls = sent.urls('paolo@example.org');
      assert.equal((await hit(urls.pixel)).status, 200);
      assert.equal((await hit(urls.clicks[0]!)).status, 302);
      await queue('paolo@example.org');
      assert.equal((await deliveriesOf(webhook.id, 'paolo@example.org')).length, 2);

      const failedOnce = await waitUntil(async () => {
        const log = await deliveriesOf(webhook.id, 'paolo@example.org');
        return log.length === 2 && log.every((d) => d.attempts >= 1) && log;
      }, 'both deliveries to fail against the stopped receiver');
      for (const delivery of failedOnce) {
        assert.equal(delivery.status, 'pending');
        assert.equal(delivery.responseStatus, null);
        assert.match(delivery.error, /ECONNREFUSED/);
      }
      await hook.start();

      // An earlier test's event whose fan-out runs late is delivered to this subscription too:
      // only Paolo's deliveries are looked at.
      const expected = failedOnce.map((d) => d.id).sort();
      const received = await waitUntil(() => {
        const mine = hook.requests.filter((r) =>
          expected.includes(r.headers['mailbeacon-delivery'] as string),
        );
        return mine.length >= expected.length && mine;
      }, 'both deliveries to reach the receiver once it is back');
      const ids = received.map((r) => r.headers['mailbeacon-delivery']).sort();
      assert.deepEqual(ids, expected);
      assert.deepEqual(received.map((r) => JSON.parse(r.body).type).sort(), ['click', 'open']);
      const log = await waitUntil(async () => {
        const now = await deliveriesOf(webhook.id, 'paolo@example.org');
        return now.every((d) => d.status === 'delivered') && now;
      }, 'both deliveries to be logged as delivered');
      for (const delivery of log) {
        assert.ok(delivery.attempts >= 2, 'retried after the failure');
        assert.ok(delivery.attempts <= TEST_RETRY_DELAYS_MS.length + 1);
        assert.equal(delivery.responseStatus, 200);
        assert.equal(delivery.error, null);
      }
      // Nothing is left to run, so nothing will be posted again.
      await waitUntil(
        async () => (await jobsOf(webhook.id)).every((j) => j.status === 'done'),
        'the delivery jobs to complete',
      );
      const paolos = new Set(
        (await deliveriesOf(webhook.id, 'paolo@example.org')).map((d) => d.id),
      );
      const arrived = hook.requests.filter((r) =>
        paolos.has(r.headers['mailbeacon-delivery'] as string),
      );
      assert.equal(arrived.length, 2, 'each delivery arrived once');
    });

    it('disables a subscription that keeps failing and tells every workspace admin', async () => {
      const second = await signupMember(owner.client, 'admin');
      const member = await signupMember(owner.client, 'member');
      const hook = await receiver();
      hook.respondWith(500);
      const webhook = await subscribe({ url: hook.url, events: ['click'] });
      assert.equal((await hit(sent.urls('giulia@example.org').clicks[0]!)).status, 302);
      await queue('giulia@example.org');
      assert.equal((await deliveries(webhook.id)).length, 1);

      const attempts = TEST_RETRY_DELAYS_MS.length + 1;
      await hook.waitForRequests(attempts, 30_000);
      const listed = await waitUntil(async () => {
        const found = (await admin.get('/api/v1/webhooks')).body.webhooks.find(
          (w: any) => w.id === webhook.id,
        );
        return found?.disabledAt ? found : undefined;
      }, 'the subscription to be disabled');
      assert.match(listed.disabledReason, /1 failed delivery.*HTTP 500/);

      const [delivery] = await deliveries(webhook.id);
      assert.equal(delivery.status, 'failed');
      assert.equal(delivery.attempts, attempts);
      assert.equal(delivery.responseStatus, 500);
      assert.equal(delivery.error, 'HTTP 500: the test receiver answers 500');
      assert.equal(delivery.deliveredAt, null);
      // Only this delivery's requests: a retry of an earlier test's delivery may still reach
      // this receiver when the system hands its port out again.
      const own = hook.requests.filter((r) => r.headers['mailbeacon-delivery'] === delivery.id);
      assert.equal(own.length, attempts);

      const notices = await server.service.store.db
        .selectFrom('notifications')
        .selectAll()
        .where('type', '=', 'webhook_disabled')
        .execute();
      assert.deepEqual(
        notices.map((n) => n.userId).sort(),
        [owner.user.id, second.user.id].sort(),
        'one per admin, none for members',
      );
      assert.ok(notices.every((n) => n.userId !== member.user.id));
      for (const notice of notices) {
        assert.equal(notice.messageId, null);
        assert.equal(notice.eventId, null);
        assert.equal(notice.read, 0);
        assert.match(
          lineText(parseFact(notice.fact), 'en'),
          new RegExp(
            `^Webhook http://127\\.0\\.0\\.1:${hook.port}/… was disabled after 1 failed delivery`,
          ),
        );
      }

      // A disabled subscription hears nothing more. (An earlier test's click may have been
      // queued to it while it was on, when its settle window ended: those are failed now.)
      const heard = hook.requests.length;
      assert.equal((await hit(sent.urls('giulia@example.org').clicks[0]!)).status, 302);
      assert.equal(await queue('giulia@example.org'), 0);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(
        hook.requests.length,
        heard,
        'nothing reached the receiver after it was disabled',
      );
      const others = (await deliveries(webhook.id)).filter((d: any) => d.id !== delivery.id);
      assert.ok(
        others.every((d: any) => d.status === 'failed'),
        JSON.stringify(others),
      );
    });
  });
}
