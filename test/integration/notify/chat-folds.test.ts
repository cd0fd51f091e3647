import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FOLD_WINDOW_MS, fanOutEvents } from '../../../src/notify/index.js';
import { BURST_GAP_MS } from '../../../src/pipeline/classify/index.js';
import { findEventsByIds, listMessageEvents } from '../../../src/store/index.js';
import { sendTrackedMessage, signupAdmin, signupMember } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { type MailUrls, mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

interface Line {
  id: string;
  at: string;
  kind: string;
  text: string;
  data: { count: number; recipientId: string; eventId: string } | null;
}

for (const engine of testEngines()) {
  describe(`the message's chat folds repeats as notifications do (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let sender: HttpClient;
    let messageId: string;
    let mario: MailUrls;
    let luisa: MailUrls;

    // A reader's pace: past the gap under which a burst of hits looks like a scanner's, each
    // hit answered and processed (its own notification job) before the test goes on.
    const hit = async (url: string) => {
      server.clock.advance(BURST_GAP_MS + 200);
      await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'user-agent': UA },
      });
      await server.service.idle();
    };
    const chatOf = async (client: HttpClient, id: string): Promise<Line[]> =>
      (await client.get(`/api/v1/messages/${id}/chat`)).body.lines.filter(
        (l: Line) => l.kind === 'tracking',
      );
    const shown = (lines: readonly Line[]) => lines.map((l) => `${l.text} ×${l.data?.count}`);

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: 0 } },
      );
      sender = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      const sent = await sendTrackedMessage(
        sender,
        {
          to: [{ email: 'mario@example.org', name: 'Mario Rossi' }],
          bcc: [{ email: 'luisa@example.org', name: 'Luisa Verdi' }],
          html: '<html><body><a href="https://example.com/a">A</a> <a href="https://example.com/b">B</a></body></html>',
        },
        { relay, untilSent: true },
      );
      messageId = sent.id;
      mario = sent.urls('mario@example.org');
      luisa = sent.urls('luisa@example.org');
      await deliveredAgo(server.service.store, messageId);
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('folds three opens of one recipient within a minute into one line, its count and time the latest', async () => {
      await hit(mario.pixel);
      const [first] = await chatOf(sender, messageId);
      await hit(mario.pixel);
      await hit(mario.pixel);
      const lines = await chatOf(sender, messageId);
      assert.deepEqual(shown(lines), ['Mario Rossi opened «Offerta Q4» (3rd time) ×3']);
      // The same line, changed: a client that reloads the chat updates it in place.
      assert.equal(lines[0]!.id, first!.id);
      const events = await listMessageEvents(server.service.store.db, messageId, 10);
      assert.equal(events.length, 3, 'the timeline keeps every open');
      assert.equal(lines[0]!.data!.eventId, events.at(-1)!.id);
      assert.equal(new Date(lines[0]!.at).getTime(), events.at(-1)!.at);
      // The notification folded the same way, with the same words.
      const [told] = (await sender.get('/api/v1/notifications')).body.notifications;
      assert.equal(told.count, 3);
      assert.equal(told.text, lines[0]!.text);
    });

    it('starts a new line for an open more than a minute after the line’s last', async () => {
      server.clock.advance(FOLD_WINDOW_MS + 1_000);
      await hit(mario.pixel);
      assert.deepEqual(shown(await chatOf(sender, messageId)), [
        'Mario Rossi opened «Offerta Q4» (3rd time) ×3',
        'Mario Rossi opened «Offerta Q4» (4th time) ×1',
      ]);
    });

    it('keeps a line per recipient, and per link', async () => {
      await hit(luisa.pixel);
      await hit(mario.clicks[0]!);
      await hit(mario.clicks[1]!);
      await hit(mario.clicks[0]!);
      assert.deepEqual(shown(await chatOf(sender, messageId)), [
        'Mario Rossi opened «Offerta Q4» (3rd time) ×3',
        'Mario Rossi opened «Offerta Q4» (4th time) ×1',
        'Luisa Verdi opened «Offerta Q4» ×1',
        'Mario Rossi clicked https://example.com/b ×1',
        'Mario Rossi clicked https://example.com/a (2 times) ×2',
      ]);
      const events = await listMessageEvents(server.service.store.db, messageId, 20);
      assert.equal(events.length, 8, 'the timeline keeps every event');
    });

    it('counts nothing twice when a notification job runs again', async () => {
      const before = await chatOf(sender, messageId);
      const feed = (await sender.get('/api/v1/notifications')).body.notifications;
      const db = server.service.store.db;
      const events = await listMessageEvents(db, messageId, 20);
      // The last job again (its completion lost), then every job's events at once.
      const lastJob = await findEventsByIds(db, [events.at(-1)!.id]);
      assert.deepEqual(await fanOutEvents(server.service.store, lastJob), []);
      assert.deepEqual(await chatOf(sender, messageId), before);
      assert.deepEqual((await sender.get('/api/v1/notifications')).body.notifications, feed);
    });

    it('leaves a team note as it is; the folded line moves to its latest time, last', async () => {
      const note = await sender.post(`/api/v1/messages/${messageId}/chat`, { text: 'Richiamo' });
      assert.equal(note.status, 201);
      await hit(luisa.pixel);
      const all = (await sender.get(`/api/v1/messages/${messageId}/chat`)).body.lines;
      const kinds = all.map((l: Line) => `${l.kind} ${l.text}`);
      assert.equal(kinds.at(-1), 'tracking Luisa Verdi opened «Offerta Q4» (2nd time)');
      assert.equal(kinds.filter((k: string) => k.includes('Luisa')).length, 1);
      assert.deepEqual(
        all.filter((l: Line) => l.kind === 'note').map((l: Line) => [l.id, l.text]),
        [[note.body.id, 'Richiamo']],
      );
    });

    it('writes the folded count in the message’s language', async () => {
      const colleague = (await signupMember(sender)).client;
      await colleague.patch('/api/v1/auth/me', { language: 'it' });
      const sent = await sendTrackedMessage(
        colleague,
        {
          subject: 'Listino',
          html: '<html><body><a href="https://example.com/a">A</a></body></html>',
        },
        { relay, untilSent: true },
      );
      await deliveredAgo(server.service.store, sent.id);
      const urls = mailUrls(sent.mails[0]!.parsed);
      for (let i = 0; i < 2; i++) await hit(urls.pixel);
      for (let i = 0; i < 3; i++) await hit(urls.clicks[0]!);
      assert.deepEqual(shown(await chatOf(colleague, sent.id)), [
        'Mario Rossi ha aperto «Listino» (2ª volta) ×2',
        'Mario Rossi ha cliccato https://example.com/a (3 volte) ×3',
      ]);
    });
  });
}
