/**
 * Fault drill: the SMTP relay goes down for a minute in the middle of a send to 50 recipients,
 * then comes back. Every copy must reach the relay exactly once: none lost, none sent twice.
 * The drill ends with its count of what was lost (a TAP diagnostic), which must be 0.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { testEngines } from '../helpers/engines.js';
import { reply, startTestRelay, type TestRelay } from '../helpers/smtp-relay.js';
import { startTestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';

const RECIPIENTS = 50;
/** The relay goes down once it has accepted this many copies. */
const DOWN_AFTER = 20;
const MINUTE = 60_000;
/** What a relay that is going away answers (RFC 5321 §3.8, §4.2.3). */
const SHUTTING_DOWN = reply(421, '4.3.2 Service shutting down, try again later');

for (const engine of testEngines()) {
  describe(`fault: the SMTP relay is down for a minute during a send (${engine})`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it(`delivers each of ${RECIPIENTS} copies exactly once after the relay is back`, async (t) => {
      let goneDown: () => void = () => {};
      const down = new Promise<void>((resolve) => {
        goneDown = resolve;
      });
      const relay: TestRelay = await startTestRelay({
        // At the 20th copy, before its 250 goes out: every later transaction is refused.
        onAccepted: (count) => {
          if (count !== DOWN_AFTER) return;
          relay.setRules({ mailFrom: SHUTTING_DOWN });
          goneDown();
        },
      });
      cleanup.push(() => relay.close());
      const server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { outbox: { pollMs: 50 } },
      );
      cleanup.push(() => server.close());
      const { client } = await signupAdmin(server.url);
      const to = Array.from({ length: RECIPIENTS }, (_, i) => ({
        email: `reader${i}@example.org`,
        name: `Reader ${i}`,
      }));

      const sent = await sendTrackedMessage(client, { to });
      await down;
      // The relay stops listening: from now on connections are refused.
      await relay.close();
      await server.service.idle();
      const beforeOutage = relay.messages.length;
      assert.ok(beforeOutage < RECIPIENTS, 'the relay went down mid-send');

      // A minute down: the first retries come due and meet a closed port.
      server.clock.advance(MINUTE);
      await server.service.idle();
      const during = await client.get(`/api/v1/messages/${sent.id}`);
      const deferred = during.body.recipients.filter((r: any) => r.delivery === 'deferred');
      assert.equal(deferred.length, RECIPIENTS - beforeOutage, 'the rest wait, deferred');

      // Back on the same port: the next retries deliver.
      const back = await startTestRelay({ port: relay.port });
      cleanup.push(() => back.close());
      const view = await waitUntil(async () => {
        server.clock.advance(5 * MINUTE);
        await server.service.idle();
        const r = await client.get(`/api/v1/messages/${sent.id}`);
        return r.body.status === 'sent' ? r.body : undefined;
      }, 'every copy delivered after the outage');

      const received = new Map<string, number>();
      for (const message of [...relay.messages, ...back.messages]) {
        for (const address of message.envelope.to) {
          received.set(address, (received.get(address) ?? 0) + 1);
        }
      }
      const lost = to.filter((r) => !received.has(r.email));
      const twice = [...received].filter(([, n]) => n > 1);
      t.diagnostic(
        `lost: ${lost.length} of ${RECIPIENTS} copies (delivered twice: ${twice.length}; ` +
          `${beforeOutage} before the outage, ${back.messages.length} after it; ${engine})`,
      );
      assert.deepEqual(lost, [], 'no copy lost');
      assert.deepEqual(twice, [], 'no copy sent twice');
      assert.ok(view.recipients.every((r: any) => r.delivery === 'sent'));
    });
  });
}
