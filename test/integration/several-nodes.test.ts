import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { cliDatabaseEnv, serveCli } from '../helpers/cli.js';
import { testEngines } from '../helpers/engines.js';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import { startTestRelay } from '../helpers/smtp-relay.js';
import { SseClient } from '../helpers/sse-client.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { waitUntil } from '../helpers/wait.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const RECIPIENTS = [
  { email: 'mario@example.org', name: 'Mario Rossi' },
  { email: 'lucia@example.org', name: 'Lucia Bianchi' },
  { email: 'paolo@example.org', name: 'Paolo Verdi' },
];
/** A click's notification waits for the settle window (5 s); a takeover for the lease (2 s). */
const LIVE_MS = 30_000;

interface Node {
  readonly child: ChildProcess;
  readonly url: string;
}

// Several nodes share a database only on PostgreSQL.
if (testEngines().includes('postgres')) {
  describe('three `mailbeacon serve` processes over one PostgreSQL database', () => {
    const cleanup: (() => Promise<void> | void)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('sends through A, counts a pixel on B and a click on C, tells A’s client live, survives A’s SIGKILL, and does each job once', {
      timeout: 240_000,
    }, async () => {
      const database = await createTestDatabase('postgres');
      cleanup.push(() => database.drop());
      const relay = await startTestRelay();
      cleanup.push(() => relay.close());
      const hook = await startWebhookReceiver();
      cleanup.push(() => hook.close());
      const env = {
        ...(await cliDatabaseEnv(database)),
        SMTP_URL: relay.url,
        WEBHOOK_ALLOW_PRIVATE: 'true',
      };
      // Three machines: each its own data folder, nothing shared but the database.
      const start = async (): Promise<Node> => {
        const dataDir = mkdtempSync(join(tmpdir(), 'mailbeacon-node-'));
        const node = await serveCli({ ...env, DATA_DIR: dataDir });
        cleanup.push(async () => {
          if (node.child.exitCode === null && node.child.signalCode === null) {
            node.child.kill('SIGTERM');
            await once(node.child, 'exit');
          }
          rmSync(dataDir, { recursive: true, force: true });
        });
        return node;
      };
      // A starts first and so takes the processing lease: its death below is the leader's.
      const a = await start();
      const [b, c] = await Promise.all([start(), start()]);

      // One workspace, signed up on A; its session is good on every node.
      const owner = await signupAdmin(a.url);
      const on = (node: Node) => {
        const client = new HttpClient(node.url);
        client.cookie = owner.client.cookie;
        return client;
      };
      // A click seconds after delivery is a scanner's (nobody has read the mail yet), and this
      // test cannot wait for a reader: machines are told too.
      const settings = await owner.client.patch('/api/v1/workspace/settings', {
        notifyOnMachineEvents: true,
      });
      assert.equal(settings.status, 200, settings.text);
      const subscribed = await owner.client.post('/api/v1/webhooks', {
        url: hook.url,
        events: ['open', 'click'],
      });
      assert.equal(subscribed.status, 201, subscribed.text);
      const live = (node: Node) => {
        const client = new SseClient(new URL('/api/v1/notifications/stream', node.url).href, {
          cookie: owner.client.cookie!,
        });
        cleanup.push(() => client.close());
        return client;
      };
      const liveOnA = live(a);

      const sent = await sendTrackedMessage(owner.client, { to: RECIPIENTS }, { relay });
      // The mail client fetches the pixel; the browser follows the link.
      const hit = (node: Node, url: string) =>
        fetch(onServer(url, node.url), {
          redirect: 'manual',
          headers: { 'user-agent': url.includes('/t/o/') ? THUNDERBIRD : CHROME },
        });
      assert.equal((await hit(b, sent.urls('mario@example.org').pixel)).status, 200);
      const click = await hit(c, sent.urls('mario@example.org').clicks[0]!);
      assert.equal(click.status, 302);

      // Answered by B and C, processed by whichever node leads, told live to A's client.
      const about = (events: { data: { type: string; text: string } }[], type: string) =>
        events.some((e) => e.data.type === type && e.data.text.includes('Mario'));
      await liveOnA.waitFor((events) => about(events, 'open') && about(events, 'click'), LIVE_MS);
      // Mario's open and click reached the webhook before A goes.
      await hook.waitFor(2, LIVE_MS);

      // A dies without a word; B's answers are still processed and told live on B.
      await liveOnA.close();
      a.child.kill('SIGKILL');
      await once(a.child, 'exit');
      const liveOnB = live(b);
      assert.equal((await hit(b, sent.urls('lucia@example.org').pixel)).status, 200);
      assert.equal((await hit(b, sent.urls('paolo@example.org').clicks[0]!)).status, 302);
      await liveOnB.waitFor(
        (events) =>
          events.some((e) => e.data.text.includes('Lucia')) &&
          events.some((e) => e.data.type === 'click' && e.data.text.includes('Paolo')),
        LIVE_MS,
      );

      type Listed = { id: string; type: string; inferred: boolean; recipient: { email: string } };
      const hits = (list: Listed[]) => list.filter((e) => !e.inferred);
      const events = await waitUntil(
        async () => {
          const reply = await on(c).get(`/api/v1/messages/${sent.id}/events`);
          const list = reply.body.events as Listed[];
          return hits(list).length >= 4 ? list : undefined;
        },
        'the events of every hit',
        LIVE_MS,
      );
      // Each hit once, whichever node answered or processed it.
      assert.deepEqual(
        hits(events)
          .map((e) => `${e.recipient.email} ${e.type}`)
          .sort(),
        [
          'lucia@example.org open',
          'mario@example.org click',
          'mario@example.org open',
          'paolo@example.org click',
        ],
      );

      // Each job once: one copy per recipient, one delivery per event, one notification each.
      const delivered = await hook.waitFor(events.length, LIVE_MS);
      const deliveredEvents = delivered.map((r) => JSON.parse(r.body).event.id as string);
      assert.deepEqual(deliveredEvents.sort(), events.map((e) => e.id).sort());
      const deliveryIds = delivered.map((r) => r.headers['mailbeacon-delivery']);
      assert.equal(new Set(deliveryIds).size, deliveryIds.length);
      assert.deepEqual(
        relay.messages.map((m) => m.envelope.to.join(',')).sort(),
        RECIPIENTS.map((r) => r.email).sort(),
      );
      for (const client of [liveOnA, liveOnB]) {
        const ids = client.events.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, 'no change told twice on one stream');
      }
    });
  });
}
