/**
 * Fault drill: a webhook receiver goes down while events keep coming, stays down while retries
 * come due, then comes back. Every event must be delivered exactly once: none lost, none twice.
 * The drill ends with its count of what was lost (a TAP diagnostic), which must be 0.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { testEngines } from '../helpers/engines.js';
import { onServer } from '../helpers/mail-urls.js';
import { startTestRelay } from '../helpers/smtp-relay.js';
import { startTestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const RECIPIENTS = 20;
const MINUTE = 60_000;
const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';

for (const engine of testEngines()) {
  describe(`fault: a webhook receiver is down, then back (${engine})`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('delivers every event exactly once after the receiver is back', async (t) => {
      const relay = await startTestRelay();
      cleanup.push(() => relay.close());
      // The real retry delays (30 s, 1 min, 2 min, …), passed by moving the service's clock.
      const server = await startTestService(
        engine,
        { WEBHOOK_ALLOW_PRIVATE: 'true', SMTP_URL: relay.url },
        { outbox: { pollMs: 50 }, webhooks: { pollMs: 50 } },
      );
      cleanup.push(() => server.close());
      const receiver = await startWebhookReceiver();
      cleanup.push(() => receiver.close());
      const { client } = await signupAdmin(server.url);
      const subscribed = await client.post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['open', 'click'],
      });
      assert.equal(subscribed.status, 201, subscribed.text);
      const to = Array.from({ length: RECIPIENTS }, (_, i) => ({
        email: `reader${i}@example.org`,
      }));
      const sent = await sendTrackedMessage(client, { to }, { relay });
      const hit = async (url: string) => {
        const response = await fetch(onServer(url, server.url), {
          redirect: 'manual',
          headers: { 'user-agent': THUNDERBIRD },
        });
        await response.arrayBuffer();
        return response.status;
      };
      /** Past every click's settle window, then until nothing is due. */
      const settle = async () => {
        server.clock.advance(MINUTE);
        await server.service.idle();
      };

      // Up: the first half of the readers open the mail.
      for (const { email } of to.slice(0, RECIPIENTS / 2)) {
        assert.equal(await hit(sent.urls(email).pixel), 200);
      }
      await settle();
      await receiver.waitFor(RECIPIENTS / 2);
      // Their answers recorded before the receiver goes: a stop that cut an answer still on its
      // way left one of them pending (31 waiting, not 30, once in CI).
      await server.service.idle();

      // Down: everybody clicks, the other half open; retries come due and meet a closed port.
      await receiver.stop();
      for (const { email } of to) {
        if (!to.slice(0, RECIPIENTS / 2).some((r) => r.email === email)) {
          assert.equal(await hit(sent.urls(email).pixel), 200);
        }
        assert.equal(await hit(sent.urls(email).clicks[0]!), 302);
      }
      for (let i = 0; i < 3; i++) await settle();
      const pending = (await client.get(`/api/v1/webhooks/${subscribed.body.id}/deliveries`)).body
        .deliveries as { status: string; attempts: number }[];
      const failing = pending.filter((d) => d.status === 'pending');
      assert.equal(failing.length, RECIPIENTS * 2 - RECIPIENTS / 2, 'the later deliveries wait');
      assert.ok(
        failing.every((d) => d.attempts >= 2),
        'each was tried against the closed port',
      );

      // Back: the next retries deliver.
      await receiver.start();
      const events = (await client.get(`/api/v1/messages/${sent.id}/events`)).body.events as {
        id: string;
        type: string;
      }[];
      const expected = new Set(
        events.filter((e) => e.type === 'open' || e.type === 'click').map((e) => e.id),
      );
      assert.equal(expected.size, RECIPIENTS * 2);
      await waitUntil(async () => {
        await settle();
        const log = (await client.get(`/api/v1/webhooks/${subscribed.body.id}/deliveries`)).body
          .deliveries as { status: string }[];
        return log.length === expected.size && log.every((d) => d.status === 'delivered');
      }, 'every delivery made after the receiver came back');

      const received = new Map<string, number>();
      for (const request of receiver.accepted()) {
        const eventId = (JSON.parse(request.body) as { event: { id: string } }).event.id;
        received.set(eventId, (received.get(eventId) ?? 0) + 1);
      }
      const lost = [...expected].filter((id) => !received.has(id));
      const twice = [...received].filter(([, n]) => n > 1);
      t.diagnostic(
        `lost: ${lost.length} of ${expected.size} events (delivered twice: ${twice.length}; ` +
          `${failing.length} waited through the outage; ${engine})`,
      );
      assert.deepEqual(lost, [], 'no event lost');
      assert.deepEqual(twice, [], 'no event delivered twice');
    });
  });
}
