import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fanOutEvents } from '../../../src/notify/index.js';
import { BURST_GAP_MS } from '../../../src/pipeline/classify/index.js';
import { findEventsByIds, listMessageEvents } from '../../../src/store/index.js';
import { sendTrackedMessage, signupAdmin, signupMember } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { type MailUrls, mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

/** Longer than a scanner's gap between links (BURST_GAP_MS): a reader moving to another link. */

const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

for (const engine of testEngines()) {
  describe(`notifications: followers, mute, live stream (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let sender: HttpClient;
    let colleague: HttpClient;
    let messageId: string;
    let urls: MailUrls;

    // Each hit is answered, then processed, before the test goes on.
    const hit = async (url: string, method = 'GET') => {
      const response = await fetch(onServer(url, server.url), {
        method,
        redirect: 'manual',
        headers: { 'user-agent': UA },
      });
      await server.service.idle();
      return response;
    };
    const feed = async (client: HttpClient) => (await client.get('/api/v1/notifications')).body;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: 0 }, app: { sseHeartbeatMs: 200 } },
      );
      sender = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      colleague = (await signupMember(sender)).client;
      await colleague.patch('/api/v1/auth/me', { language: 'it' });
      // Mario Rossi gets «Offerta Q4» (the factory's defaults), with two links.
      const sent = await sendTrackedMessage(
        sender,
        {
          html: '<html><body><a href="https://example.com/offerta">Offerta</a> <a href="https://example.com/b">B</a></body></html>',
        },
        { relay, untilSent: true },
      );
      messageId = sent.id;
      urls = sent.urls();
      await deliveredAgo(server.service.store, messageId);
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('makes the sender a follower; a colleague follows; each is told in their own language', async () => {
      const view = (await sender.get(`/api/v1/messages/${messageId}`)).body;
      assert.equal(view.following, true);
      assert.deepEqual(view.notifications, { muted: false });
      const followed = await colleague.put(`/api/v1/messages/${messageId}/follow`);
      assert.deepEqual(followed.body, { following: true });

      await hit(urls.pixel);
      const mine = await waitUntil(async () => {
        const f = await feed(sender);
        return f.notifications.length === 1 ? f : undefined;
      }, 'the sender’s notification');
      assert.equal(mine.notifications[0].text, 'Mario Rossi opened «Offerta Q4»');
      assert.equal(mine.notifications[0].type, 'open');
      assert.equal(mine.notifications[0].messageId, messageId);
      assert.equal(mine.unread, 1);
      const theirs = await waitUntil(async () => {
        const f = await feed(colleague);
        return f.notifications.length === 1 ? f : undefined;
      }, 'the colleague’s notification');
      assert.equal(theirs.notifications[0].text, 'Mario Rossi ha aperto «Offerta Q4»');
      const chat = (await sender.get(`/api/v1/messages/${messageId}/chat`)).body.lines;
      assert.ok(
        chat.some(
          (l: any) => l.kind === 'tracking' && l.author === 'system' && /opened/.test(l.text),
        ),
      );
    });

    it('notifies every open, folding repeats within a minute into one line with its count', async () => {
      await hit(urls.pixel);
      const folded = await waitUntil(async () => {
        const f = await feed(sender);
        return f.notifications[0]?.count === 2 ? f : undefined;
      }, 'the fold');
      assert.equal(folded.notifications.length, 1);
      assert.equal(folded.notifications[0].text, 'Mario Rossi opened «Offerta Q4» (2nd time)');
      const it = await waitUntil(async () => {
        const f = await feed(colleague);
        return f.notifications[0]?.count === 2 ? f : undefined;
      }, 'the colleague’s fold');
      assert.equal(it.notifications[0].text, 'Mario Rossi ha aperto «Offerta Q4» (2ª volta)');
    });

    it('tells each copy of one batch its own line, and a job run again tells nobody twice', async () => {
      const sent = await sendTrackedMessage(
        sender,
        {
          to: [
            { email: 'ada@example.org', name: 'Ada Lovelace' },
            { email: 'bruno@example.org', name: 'Bruno Neri' },
            { email: 'carla@example.org', name: 'Carla Verdi' },
          ],
          subject: 'Listino',
        },
        { relay, untilSent: true },
      );
      const copies = sent.mails;
      await deliveredAgo(server.service.store, sent.id);
      // Answered together, the three opens are one batch and one notification job.
      await Promise.all(
        copies.map((copy) =>
          fetch(onServer(mailUrls(copy.parsed).pixel, server.url), {
            headers: { 'user-agent': UA },
          }),
        ),
      );
      await server.service.idle();
      const lines = async () =>
        (await feed(sender)).notifications
          .filter((n: { messageId: string }) => n.messageId === sent.id)
          .map((n: { text: string; count: number }) => `${n.text} ×${n.count}`)
          .sort();
      const told = [
        'Ada Lovelace opened «Listino» ×1',
        'Bruno Neri opened «Listino» ×1',
        'Carla Verdi opened «Listino» ×1',
      ];
      assert.deepEqual(await lines(), told);

      // A notification job whose completion was lost runs again: nothing is told twice.
      const events = await listMessageEvents(server.service.store.db, sent.id, 10);
      assert.equal(events.length, 3);
      const again = await fanOutEvents(
        server.service.store,
        await findEventsByIds(
          server.service.store.db,
          events.map((e) => e.id),
        ),
      );
      assert.deepEqual(again, []);
      assert.deepEqual(await lines(), told);
      const chat = (await sender.get(`/api/v1/messages/${sent.id}/chat`)).body.lines;
      assert.equal(chat.filter((l: { kind: string }) => l.kind === 'tracking').length, 3);
    });

    it('pushes a click’s notification live over SSE, with heartbeats', async () => {
      const live = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: sender.cookie!,
      });
      try {
        await waitUntil(() => live.status === 200 && live.comments > 0, 'a heartbeat');
        await hit(urls.clicks[0]!);
        const events = await live.waitFor((e) => e.some((x) => x.data.type === 'click'));
        const click = events.find((x) => x.data.type === 'click')!;
        assert.equal(click.event, 'notification');
        // A notification names its message; the open's words do already, a click's not.
        assert.equal(
          click.data.text,
          'Mario Rossi clicked https://example.com/offerta — «Offerta Q4»',
        );
        assert.ok(click.id);
      } finally {
        await live.close();
      }
    });

    it('lets a dropped client resume from Last-Event-ID without loss or duplicate', async () => {
      const first = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: sender.cookie!,
      });
      await waitUntil(() => first.status === 200 && first.comments > 0, 'connected');
      // A person's pace between two clicks: the service's clock moves, nobody sleeps.
      server.clock.advance(BURST_GAP_MS + 200);
      await hit(urls.clicks[1]!);
      await first.waitFor((e) => e.some((x) => x.data.text.includes('https://example.com/b —')));
      const resumeFrom = first.lastId!;
      await first.close();

      // While nobody listens: a new click, and a repeat that folds into an earlier line.
      await hit(urls.clicks[1]!);
      await hit(urls.pixel);
      await waitUntil(async () => {
        const f = await feed(sender);
        const clicked = f.notifications.some((n: any) => n.type === 'click' && n.count === 2);
        const opened = f.notifications.some((n: any) => n.type === 'open' && n.count === 3);
        return clicked && opened ? true : undefined;
      }, 'the missed changes to be stored');

      const second = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: sender.cookie!,
        'last-event-id': resumeFrom,
      });
      try {
        const events = await second.waitFor((e) => e.length >= 2);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const ids = second.events.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, 'nothing twice');
        assert.ok(
          ids.every((id) => id! > resumeFrom),
          'nothing from before the resume point',
        );
        const texts = events.map((e) => e.data.text);
        assert.ok(
          texts.includes('Mario Rossi clicked https://example.com/b (2 times) — «Offerta Q4»'),
          texts.join(' | '),
        );
        assert.ok(texts.includes('Mario Rossi opened «Offerta Q4» (3rd time)'), texts.join(' | '));
      } finally {
        await second.close();
      }
    });

    it('mutes for oneself only: the event is in the timeline and told to the other follower', async () => {
      const muted = await sender.put(`/api/v1/messages/${messageId}/notifications`, {
        muted: true,
      });
      assert.deepEqual(muted.body, { muted: true });
      assert.equal(
        (await sender.get(`/api/v1/messages/${messageId}`)).body.notifications.muted,
        true,
      );
      assert.equal(
        (await colleague.get(`/api/v1/messages/${messageId}`)).body.notifications.muted,
        false,
      );
      const before = (await feed(sender)).notifications.length;
      const colleagueBefore = (await feed(colleague)).notifications.length;
      const eventsBefore = (await sender.get(`/api/v1/messages/${messageId}/events`)).body.events
        .length;

      const download = await hit(urls.clicks[0]!.replace(/\/t\/c\/.*/, '/t/c/x'));
      assert.equal(download.status, 404);
      // A click after more than a minute would not fold; a new link's click never folds with others.
      // A person's pace between two clicks: the service's clock moves, nobody sleeps.
      server.clock.advance(BURST_GAP_MS + 200);
      await hit(urls.clicks[0]!);
      await waitUntil(async () => {
        const f = await feed(colleague);
        return f.notifications.length > colleagueBefore ||
          f.notifications.some((n: any) => n.type === 'click' && n.count > 1)
          ? true
          : undefined;
      }, 'the colleague to be told');
      const events = (await sender.get(`/api/v1/messages/${messageId}/events`)).body.events;
      assert.equal(events.length, eventsBefore + 1, 'the click is recorded and in the timeline');
      await server.service.idle();
      assert.equal(
        (await feed(sender)).notifications.length,
        before,
        'no notification for the muted sender',
      );

      const unmuted = await sender.put(`/api/v1/messages/${messageId}/notifications`, {
        muted: false,
      });
      assert.deepEqual(unmuted.body, { muted: false });
    });

    it('marks notifications read and counts the unread', async () => {
      const page = await feed(colleague);
      assert.ok(page.unread > 0);
      const read = await colleague.post('/api/v1/notifications/read', {
        upTo: page.notifications[0].id,
      });
      assert.deepEqual(read.body, { unread: 0 });
      assert.ok((await feed(colleague)).notifications.every((n: any) => n.read));
    });

    it('keeps team notes in the chat, in order, with their author', async () => {
      const note = await colleague.post(`/api/v1/messages/${messageId}/chat`, {
        text: 'Lo chiamo domani',
      });
      assert.equal(note.status, 201);
      assert.equal(note.body.kind, 'note');
      assert.equal(note.body.author.name.length > 0, true);
      const lines = (await sender.get(`/api/v1/messages/${messageId}/chat`)).body.lines;
      // The note is stamped with the wall clock, the tracking lines with the service's (which this
      // file moved forward between clicks): the note is there, and the chat is in time order.
      assert.equal(lines.filter((l: any) => l.text === 'Lo chiamo domani').length, 1);
      const ats = lines.map((l: any) => l.at);
      assert.deepEqual([...ats].sort(), ats);
      const empty = await colleague.post(`/api/v1/messages/${messageId}/chat`, { text: '   ' });
      assert.equal(empty.status, 400);
    });

    it('never tells anyone about a machine’s hit unless the workspace asks', async () => {
      // Past the minute in which a honeypot hit unmasks its network's earlier hits (this file's
      // opens and clicks all come from loopback): they stay told, as people's.
      server.clock.advance(61_000);
      const before = (await feed(colleague)).notifications.length;
      await hit(urls.honeypot!);
      // The hit is processed and its fan-out done (the hit helper waits for the service).
      assert.equal((await feed(colleague)).notifications.length, before);
      await sender.patch('/api/v1/workspace/settings', { notifyOnMachineEvents: true });
      await hit(urls.honeypot!);
      const told = await waitUntil(async () => {
        const f = await feed(colleague);
        return f.notifications.length > before ? f : undefined;
      }, 'the machine notification');
      assert.match(told.notifications[0].text, /non il destinatario/);
    });

    it('refuses follow and mute on messages outside the workspace', async () => {
      const other = await signupAdmin(server.url).catch(() => undefined);
      assert.equal(other, undefined, 'signup is closed; use an unknown id instead');
      for (const reply of [
        await colleague.put('/api/v1/messages/00000000000000000000000000/follow'),
        await colleague.put('/api/v1/messages/00000000000000000000000000/notifications', {
          muted: true,
        }),
      ]) {
        assert.equal(reply.status, 404);
      }
    });
  });
}
