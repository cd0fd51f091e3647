import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  sendTrackedMessage,
  signupAdmin,
  signupMember,
  uploadAttachment,
} from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { type MailUrls, onServer } from '../../helpers/mail-urls.js';
import { reply, startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

for (const engine of testEngines()) {
  describe(`one language per reader (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let anna: HttpClient;
    let luca: HttpClient;
    let messageId: string;
    let refusedId: string;
    let attachmentId: string;
    let urls: MailUrls;

    const hit = async (url: string) => {
      await fetch(onServer(url, server.url), { headers: { 'user-agent': UA } });
      await server.service.idle();
    };
    const chatOf = async (client: HttpClient, id: string) =>
      ((await client.get(`/api/v1/messages/${id}/chat`)).body.lines as { text: string }[]).map(
        (l) => l.text,
      );
    const texts = async (client: HttpClient) => {
      const feed = (await client.get('/api/v1/notifications')).body.notifications;
      const chat = [...(await chatOf(client, messageId)), ...(await chatOf(client, refusedId))];
      return { feed, chat };
    };
    const stream = (client: HttpClient) =>
      new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: client.cookie!,
      });

    before(async () => {
      relay = await startTestRelay({
        rcpt: { 'gone@example.org': reply(550, '5.1.1 No such user') },
      });
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 50 } });
      // Anna (English) sends; Luca (Italian) follows the same message.
      anna = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      luca = (await signupMember(anna)).client;
      await luca.patch('/api/v1/auth/me', { language: 'it' });
      const file = await uploadAttachment(anna, 'listino.pdf', Buffer.from('%PDF-1.4 listino'));
      const sent = await sendTrackedMessage(
        anna,
        {
          attachments: [file.body.id],
          tracking: { enabled: true, attachmentLinkTtlDays: 10 },
        },
        { relay, untilSent: true },
      );
      messageId = sent.id;
      // A second message, to an address the relay refuses.
      refusedId = (await sendTrackedMessage(anna, { to: [{ email: 'gone@example.org' }] })).id;
      await waitUntil(async () => {
        const { status } = (await anna.get(`/api/v1/messages/${refusedId}`)).body;
        return status === 'failed';
      }, 'the refused copy settled');
      urls = sent.urls();
      attachmentId = file.body.id;
      await deliveredAgo(server.service.store, messageId);
      await luca.put(`/api/v1/messages/${messageId}/follow`);
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('words the same notification and chat lines for each reader, in the API and live', async () => {
      const annaLive = stream(anna);
      const lucaLive = stream(luca);
      try {
        await waitUntil(() => annaLive.status === 200 && lucaLive.status === 200, 'connected');
        await hit(urls.pixel);
        const [annaEvent] = await annaLive.waitFor((e) => e.some((x) => x.data.type === 'open'));
        const [lucaEvent] = await lucaLive.waitFor((e) => e.some((x) => x.data.type === 'open'));
        assert.equal(annaEvent!.data.text, 'Mario Rossi opened «Offerta Q4»');
        assert.equal(lucaEvent!.data.text, 'Mario Rossi ha aperto «Offerta Q4»');
        assert.deepEqual(annaEvent!.data.fact, lucaEvent!.data.fact, 'the same facts');
        assert.equal(annaEvent!.data.fact.kind, 'event');
        assert.equal(annaEvent!.data.fact.data.who, 'Mario Rossi');
      } finally {
        await annaLive.close();
        await lucaLive.close();
      }
      const revoked = await anna.patch(
        `/api/v1/messages/${messageId}/attachments/${attachmentId}`,
        {
          revoked: true,
        },
      );
      assert.equal(revoked.status, 200);
      const restored = await anna.patch(
        `/api/v1/messages/${messageId}/attachments/${attachmentId}`,
        {
          revoked: false,
          expiresAt: '2027-01-01T12:00:00.000Z',
        },
      );
      assert.equal(restored.status, 200);

      const en = await texts(anna);
      const it = await texts(luca);
      assert.equal(en.feed[0].text, 'Mario Rossi opened «Offerta Q4»');
      assert.equal(it.feed[0].text, 'Mario Rossi ha aperto «Offerta Q4»');
      assert.deepEqual(en.feed[0].fact, it.feed[0].fact);
      assert.ok(en.chat.includes('Mario Rossi opened «Offerta Q4»'), en.chat.join('\n'));
      assert.ok(it.chat.includes('Mario Rossi ha aperto «Offerta Q4»'), it.chat.join('\n'));
      assert.ok(en.chat.some((t) => /^Delivery to gone@example\.org was rejected: 550/.test(t)));
      assert.ok(
        it.chat.some((t) => /^La consegna a gone@example\.org è stata rifiutata: 550/.test(t)),
      );
      assert.ok(en.chat.includes('Anna Bianchi revoked the link to listino.pdf'));
      assert.ok(it.chat.includes('Anna Bianchi ha revocato il link a listino.pdf'));
      assert.ok(
        en.chat.includes('Anna Bianchi restored the link to listino.pdf until 1 January 2027'),
      );
      assert.ok(
        it.chat.includes(
          'Anna Bianchi ha ripristinato il link a listino.pdf fino al 1° gennaio 2027',
        ),
      );
    });

    it('rewords existing lines, in the API and on an open stream, once the profile language changes', async () => {
      const lucaLive = stream(luca);
      try {
        await waitUntil(() => lucaLive.status === 200, 'connected');
        const changed = await luca.patch('/api/v1/auth/me', { language: 'en' });
        assert.equal(changed.status, 200);
        const now = await texts(luca);
        assert.equal(now.feed[0].text, 'Mario Rossi opened «Offerta Q4»');
        assert.ok(now.chat.includes('Anna Bianchi revoked the link to listino.pdf'));
        assert.ok(now.chat.includes('Mario Rossi opened «Offerta Q4»'));
        // A repeat folds into the line: it reaches the open stream in the new language.
        await hit(urls.pixel);
        const events = await lucaLive.waitFor((e) => e.some((x) => x.data.count === 2));
        assert.equal(
          events.find((x) => x.data.count === 2)!.data.text,
          'Mario Rossi opened «Offerta Q4» (2nd time)',
        );
      } finally {
        await lucaLive.close();
        await luca.patch('/api/v1/auth/me', { language: 'it' });
      }
      const back = await texts(luca);
      assert.equal(back.feed[0].text, 'Mario Rossi ha aperto «Offerta Q4» (2ª volta)');
    });
  });
}
