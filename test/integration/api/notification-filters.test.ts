import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
import { GMAIL_PROXY, SAFARI, THUNDERBIRD } from '../../helpers/user-agents.js';

// The Notifications page's list: GET /api/v1/notifications narrowed by action, label, message,
// unread and time, page by page; one notification marked read; every bad filter refused.

const LINK = '<html><body><p><a href="https://example.com/offerta">Offerta</a></p></body></html>';

// TRUST_PROXY lets the test speak for any address through X-Forwarded-For (Gmail's proxy's
// network, Apple's), as a reverse proxy in front of the service would.
for (const engine of testEngines()) {
  describe(`GET /api/v1/notifications with filters (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let anna: HttpClient;
    let bruno: HttpClient;
    let offer: SentMessage;
    let price: SentMessage;
    let start: string;
    let end: string;

    // Each hit is answered, then processed and told, before the test goes on.
    const hit = async (url: string, ip: string, userAgent: string) => {
      await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
      await server.service.idle();
    };
    const list = async (client: HttpClient, query: string) => {
      const reply = await client.get(`/api/v1/notifications?${query}`);
      assert.equal(reply.status, 200, reply.text);
      return reply.body as { notifications: any[]; cursor: string | null; unread: number };
    };
    const texts = async (query: string) =>
      (await list(anna, query)).notifications.map((n) => n.text);

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true' },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: 0 } },
      );
      anna = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      bruno = (await signupMember(anna)).client;
      await anna.patch('/api/v1/workspace/settings', { notifyOnMachineEvents: true });
      offer = await sendTrackedMessage(anna, { html: LINK }, { relay, untilSent: true });
      price = await sendTrackedMessage(
        anna,
        {
          subject: 'Listino 2027',
          to: [
            { email: 'luca@example.org', name: 'Luca Neri' },
            { email: 'apple@example.org', name: 'Apple Reader' },
          ],
        },
        { relay, untilSent: true },
      );
      await deliveredAgo(server.service.store, offer.id);
      await deliveredAgo(server.service.store, price.id);
      start = new Date().toISOString();
      await hit(offer.urls().pixel, '93.40.12.7', THUNDERBIRD);
      await hit(price.urls('luca@example.org').pixel, '66.102.8.20', GMAIL_PROXY);
      // Apple's privacy prefetch: a machine, told because the workspace asks.
      await hit(price.urls('apple@example.org').pixel, '17.58.63.10', 'Mozilla/5.0');
      await hit(offer.urls().clicks[0]!, '93.40.12.7', SAFARI);
      end = new Date(Date.now() + 1).toISOString();
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('lists every notification newest first, each with its label', async () => {
      const page = await list(anna, '');
      assert.deepEqual(
        page.notifications.map((n) => [n.type, n.classification, n.messageId]),
        [
          ['click', 'human', offer.id],
          ['open', 'machine', price.id],
          ['open', 'proxy', price.id],
          ['open', 'human', offer.id],
        ],
      );
      assert.equal(page.unread, 4);
      assert.match(page.notifications[0].text, /Mario Rossi clicked .* «Offerta Q4»/);
    });

    it('narrows by action, label and message, alone and together', async () => {
      assert.deepEqual(await texts('type=click'), [
        'Mario Rossi clicked https://example.com/offerta — «Offerta Q4»',
      ]);
      assert.deepEqual(await texts('type=reply'), []);
      assert.deepEqual(await texts('classification=proxy'), ['Luca Neri opened «Listino 2027»']);
      assert.equal((await texts('classification=machine')).length, 1);
      assert.deepEqual(await texts(`messageId=${price.id}&classification=human`), []);
      assert.deepEqual(
        (await list(anna, `messageId=${offer.id}`)).notifications.map((n) => n.type),
        ['click', 'open'],
      );
      assert.deepEqual(await texts(`messageId=${offer.id}&type=open`), [
        'Mario Rossi opened «Offerta Q4»',
      ]);
    });

    it('narrows by time: from inclusive, to exclusive, days or instants', async () => {
      assert.equal((await texts(`from=${start}&to=${end}`)).length, 4);
      assert.deepEqual(await texts(`to=${start}`), []);
      assert.deepEqual(await texts(`from=${end}`), []);
      const today = start.slice(0, 10);
      assert.equal((await texts(`from=${today}`)).length, 4);
      assert.deepEqual(await texts(`to=${today}`), []);
    });

    it('pages a filtered list with its cursor, nothing twice and nothing left out', async () => {
      const first = await list(anna, 'type=open&limit=2');
      assert.equal(first.notifications.length, 2);
      assert.ok(first.cursor);
      const rest = await list(anna, `type=open&limit=2&after=${first.cursor}`);
      assert.deepEqual(
        rest.notifications.map((n) => n.classification),
        ['human'],
      );
      assert.equal(rest.cursor, null);
    });

    it('marks one read: unread only leaves it out, and the count follows', async () => {
      const [click] = (await list(anna, 'type=click')).notifications;
      const marked = await anna.post(`/api/v1/notifications/${click.id}/read`);
      assert.equal(marked.status, 200, marked.text);
      assert.deepEqual(marked.body, { unread: 3 });
      const unread = await list(anna, 'unread=true');
      assert.deepEqual(
        unread.notifications.map((n) => n.type),
        ['open', 'open', 'open'],
      );
      assert.equal(unread.unread, 3);
      // The same again changes nothing.
      assert.deepEqual((await anna.post(`/api/v1/notifications/${click.id}/read`)).body, {
        unread: 3,
      });
    });

    it('never shows or marks another user’s notifications', async () => {
      // Bruno follows nothing: Anna's are hers alone, whatever he asks for.
      assert.deepEqual((await list(bruno, `messageId=${offer.id}`)).notifications, []);
      assert.deepEqual((await list(bruno, 'classification=human')).notifications, []);
      const [annas] = (await list(anna, 'unread=true')).notifications;
      const reply = await bruno.post(`/api/v1/notifications/${annas.id}/read`);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.error.code, 'not_found');
      assert.equal((await list(anna, '')).unread, 3, 'still unread for her');
      const unknown = await anna.post('/api/v1/notifications/0000000000000000000000000a/read');
      assert.equal(unknown.status, 404);
    });

    it('refuses each bad filter with 400 and says which', async () => {
      const refusals: [string, RegExp][] = [
        ['type=bounce', /type/],
        ['type=', /type/],
        ['classification=robot', /classification/],
        ['classification=Human', /classification/],
        ['unread=false', /unread/],
        ['unread=yes', /unread/],
        [`messageId=${'x'.repeat(65)}`, /messageId/],
        ['messageId=', /messageId/],
        ['from=yesterday', /from/],
        ['to=2026-02-30', /to/],
        ['from=2026-12-02&to=2026-12-01', /from/],
        ['after=not-a-cursor', /after/],
        ['limit=0', /limit/],
        ['limit=201', /limit/],
      ];
      for (const [query, names] of refusals) {
        const reply = await anna.get(`/api/v1/notifications?${query}`);
        assert.equal(reply.status, 400, `${query}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', query);
        assert.match(reply.body.error.message, names, query);
      }
    });
  });
}
