import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { retellJobHandler } from '../../../src/notify/index.js';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import type { NotificationRow } from '../../../src/store/index.js';
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
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const SUBJECT = 'Listino';

// What the team was told about an event later relabelled a machine's (docs/classification.md,
// "What the caller does"). TRUST_PROXY lets the test speak for any address.
for (const engine of testEngines()) {
  describe(`relabels after the fan-out retell what was told (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let sender: HttpClient;
    let colleague: HttpClient;
    let sent: SentMessage;
    let live: SseClient;

    const hit = async (url: string, ip: string) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'x-forwarded-for': ip, 'user-agent': SAFARI },
      });
      await server.service.idle();
      return response;
    };
    /** Every settle window passed and its fan-out done. */
    const settled = async () => {
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
    };
    const about = async (client: HttpClient, who: string) => {
      const page = (await client.get('/api/v1/notifications')).body;
      return {
        unread: page.unread as number,
        lines: (page.notifications as any[]).filter((n) => n.text.startsWith(who)),
      };
    };
    const chat = async (who: string) =>
      ((await sender.get(`/api/v1/messages/${sent.id}/chat`)).body.lines as any[])
        .filter((l) => l.kind === 'tracking' && l.text.startsWith(who))
        .map((l) => l.text);
    const counts = async (email: string) => {
      const r = (await sender.get(`/api/v1/messages/${sent.id}`)).body.recipients.find(
        (x: any) => x.email === email,
      );
      return { opens: r.opens, clicks: r.clicks, machine: r.machine };
    };
    /** The correction jobs queued so far, as the worker would claim them. */
    const retellJobs = () =>
      server.service.store.db
        .selectFrom('jobs')
        .selectAll()
        .where('queue', '=', 'retell')
        .execute();

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true' },
        {
          outbox: { pollMs: 50 },
          notify: { clickSettleMs: SETTLE_MS },
          app: { sseHeartbeatMs: 200 },
        },
      );
      sender = (await signupAdmin(server.url, { name: 'Anna' })).client;
      colleague = (await signupMember(sender)).client;
      await colleague.patch('/api/v1/auth/me', { language: 'it' });
      sent = await sendTrackedMessage(
        sender,
        {
          to: [
            { email: 'ada@example.org', name: 'Ada' },
            { email: 'bea@example.org', name: 'Bea' },
            { email: 'carlo@example.org', name: 'Carlo' },
            { email: 'dario@example.org', name: 'Dario' },
            { email: 'elio@example.org', name: 'Elio' },
          ],
          subject: SUBJECT,
          html: '<html><body><a href="https://example.com/1">1</a> <a href="https://example.com/2">2</a></body></html>',
        },
        { relay },
      );
      await server.service.idle();
      await deliveredAgo(server.service.store, sent.id);
      await colleague.put(`/api/v1/messages/${sent.id}/follow`);
      live = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: sender.cookie!,
      });
      await live.waitFor(() => live.status === 200 && live.comments > 0);
    });
    after(async () => {
      await live.close();
      await server.close();
      await relay.close();
    });

    it('retracts an open told as a person once a honeypot hit from its network unmasks it', async () => {
      const urls = sent.urls('ada@example.org');
      const unreadBefore = (await about(sender, 'Ada')).unread;
      await hit(urls.pixel, '40.1.2.3');
      const told = await about(sender, 'Ada');
      assert.deepEqual(
        told.lines.map((n) => n.text),
        [`Ada opened «${SUBJECT}»`],
      );
      assert.equal(told.unread, unreadBefore + 1);
      assert.deepEqual(await chat('Ada'), [`Ada opened «${SUBJECT}»`]);
      const id = told.lines[0].id;

      // The hidden link, from the same network within the minute: a machine all along.
      await hit(urls.honeypot!, '40.1.2.200');
      await settled();
      const now = await about(sender, 'Ada');
      assert.deepEqual(now.lines, [], 'out of the list');
      assert.equal(now.unread, unreadBefore, 'and out of the unread count');
      assert.deepEqual((await about(colleague, 'Ada')).lines, []);
      assert.deepEqual(await chat('Ada'), [], 'the chat keeps no line about a machine');
      assert.deepEqual(await counts('ada@example.org'), {
        opens: 0,
        clicks: 0,
        machine: { opens: 1, clicks: 1, downloads: 0 },
      });
      const retracted = await live.waitFor((e) =>
        e.some((x) => x.event === 'notification.retracted' && x.data.id === id),
      );
      assert.equal(retracted.filter((x) => x.data.id === id).length, 2, 'told, then retracted');
    });

    it('takes a relabelled open out of a fold, and out of a later open’s ordinal', async () => {
      const urls = sent.urls('bea@example.org');
      await hit(urls.pixel, '93.40.12.10');
      await hit(urls.pixel, '40.1.3.3');
      assert.deepEqual(
        (await about(sender, 'Bea')).lines.map((n) => [n.text, n.count]),
        [[`Bea opened «${SUBJECT}» (2nd time)`, 2]],
      );
      assert.deepEqual(
        (await about(colleague, 'Bea')).lines.map((n) => n.text),
        [`Bea ha aperto «${SUBJECT}» (2ª volta)`],
      );
      assert.deepEqual(await chat('Bea'), [`Bea opened «${SUBJECT}» (2nd time)`]);
      const id = (await about(sender, 'Bea')).lines[0].id;
      const seen = live.events.length;

      await hit(urls.honeypot!, '40.1.3.200');
      await settled();
      // A fold of one left reads as the single open it now stands for.
      assert.deepEqual(
        (await about(sender, 'Bea')).lines.map((n) => [n.id, n.text, n.count]),
        [[id, `Bea opened «${SUBJECT}»`, 1]],
      );
      assert.deepEqual(
        (await about(colleague, 'Bea')).lines.map((n) => n.text),
        [`Bea ha aperto «${SUBJECT}»`],
      );
      assert.deepEqual(await chat('Bea'), [`Bea opened «${SUBJECT}»`]);
      const update = await live.waitFor((e) =>
        e.slice(seen).some((x) => x.data.id === id && x.data.count === 1),
      );
      assert.equal(update.at(-1)!.event, 'notification');
      assert.deepEqual(await counts('bea@example.org'), {
        opens: 1,
        clicks: 0,
        machine: { opens: 1, clicks: 1, downloads: 0 },
      });

      // A minute on, the reader opens again: their second open, not their third.
      server.clock.advance(61_000);
      await hit(urls.pixel, '93.40.12.10');
      assert.deepEqual(
        (await about(sender, 'Bea')).lines.map((n) => n.text),
        [`Bea opened «${SUBJECT}» (2nd time)`, `Bea opened «${SUBJECT}»`],
      );
    });

    it('counts a folded click down by the relabelled one; a job run again changes nothing', async () => {
      const urls = sent.urls('carlo@example.org');
      await hit(urls.clicks[0]!, '93.40.14.10');
      await settled();
      server.clock.advance(3_000);
      await hit(urls.clicks[0]!, '40.1.4.3');
      await settled();
      assert.deepEqual(
        (await about(sender, 'Carlo clicked')).lines.map((n) => n.text),
        ['Carlo clicked https://example.com/1 (2 times) — «Listino»'],
      );
      const jobsBefore = (await retellJobs()).length;

      await hit(urls.honeypot!, '40.1.4.200');
      await settled();
      assert.deepEqual(
        (await about(sender, 'Carlo clicked')).lines.map((n) => [n.text, n.count]),
        [['Carlo clicked https://example.com/1 — «Listino»', 1]],
      );
      assert.deepEqual(await chat('Carlo clicked'), ['Carlo clicked https://example.com/1']);
      assert.deepEqual(await counts('carlo@example.org'), {
        opens: 1,
        clicks: 1,
        machine: { opens: 0, clicks: 2, downloads: 0 },
      });

      // The correction's completion lost: it runs again and tells nobody anything more.
      const jobs = await retellJobs();
      assert.equal(jobs.length, jobsBefore + 1, 'one correction job for the batch');
      const published: NotificationRow[] = [];
      const handler = retellJobHandler(server.service.store, {
        publish: (rows) => published.push(...rows),
        subscribe: () => () => {},
      });
      const page = (await sender.get('/api/v1/notifications')).body;
      const lines = await chat('');
      assert.deepEqual(await handler(jobs.at(-1)!), { kind: 'done' });
      assert.deepEqual(published, []);
      assert.deepEqual((await sender.get('/api/v1/notifications')).body, page);
      assert.deepEqual(await chat(''), lines);
    });

    it('needs no correction for a relabel inside the settle window: nobody was told', async () => {
      const urls = sent.urls('dario@example.org');
      const seen = live.events.length;
      await hit(urls.clicks[1]!, '40.1.5.3');
      await hit(urls.honeypot!, '40.1.5.200');
      await settled();
      assert.deepEqual((await about(sender, 'Dario')).lines, []);
      assert.deepEqual(await chat('Dario'), []);
      assert.deepEqual(await counts('dario@example.org'), {
        opens: 0,
        clicks: 0,
        machine: { opens: 1, clicks: 2, downloads: 0 },
      });
      assert.deepEqual(
        live.events.slice(seen).filter((e) => e.data.text.startsWith('Dario')),
        [],
        'nothing told, nothing retracted',
      );
    });

    it('relabels a told open a machine’s where the workspace hears machines: its label follows', async () => {
      await sender.patch('/api/v1/workspace/settings', { notifyOnMachineEvents: true });
      const urls = sent.urls('elio@example.org');
      await hit(urls.pixel, '40.1.9.3');
      const [told] = (await about(sender, 'Elio')).lines;
      assert.equal(told.classification, 'human');
      await hit(urls.honeypot!, '40.1.9.200');
      await settled();
      const now = (await about(sender, 'Elio')).lines.find((n) => n.id === told.id);
      assert.equal(now?.classification, 'machine', 'the same line, now a machine’s');
      assert.match(now.text, /not the recipient/);
      const ids = async (label: string) =>
        (
          (await sender.get(`/api/v1/notifications?classification=${label}`)).body
            .notifications as any[]
        ).map((n) => n.id);
      assert.ok((await ids('machine')).includes(told.id));
      assert.ok(!(await ids('human')).includes(told.id));
    });
  });
}
