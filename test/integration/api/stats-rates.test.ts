import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  signupMember,
  uploadAttachment,
} from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { reply, startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { GMAIL_PROXY, SAFARI, THUNDERBIRD } from '../../helpers/user-agents.js';
import { waitUntil } from '../../helpers/wait.js';

const LINK = '<html><body><p><a href="https://example.com/offer">Offerta</a></p></body></html>';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Anna's offer: five people (the team's two copies left out), four delivered (one bounced); the
 * reader and Gmail's proxy opened, Apple's prefetch did not; one click, one download.
 */
const OFFER = {
  recipients: 5,
  tracked: 5,
  delivered: 4,
  deliveredWithFiles: 4,
  opened: 2,
  clicked: 1,
  downloaded: 1,
  rates: { opened: 0.5, clicked: 0.25, downloaded: 0.25 },
};

/** Bruno's message: Carla's click brought an inferred open; no file, so no download rate. */
const BRUNOS = {
  recipients: 2,
  tracked: 2,
  delivered: 2,
  deliveredWithFiles: 0,
  opened: 1,
  clicked: 1,
  downloaded: 0,
  rates: { opened: 0.5, clicked: 0.5, downloaded: null },
};

/** The counts and rates of a row, without its names. */
const numbers = (row: any) => ({
  recipients: row.recipients,
  tracked: row.tracked,
  delivered: row.delivered,
  deliveredWithFiles: row.deliveredWithFiles,
  opened: row.opened,
  clicked: row.clicked,
  downloaded: row.downloaded,
  rates: row.rates,
});

// TRUST_PROXY lets the test speak for any address through X-Forwarded-For (Gmail's proxy's
// network, Apple's), as a reverse proxy in front of the service would.
for (const engine of testEngines()) {
  describe(`GET /api/v1/stats/rates (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let anna: HttpClient;
    let bruno: HttpClient;
    let annaEmail: string;
    let brunoEmail: string;
    let offer: SentMessage;
    let brunos: SentMessage;
    let old: SentMessage;
    const oldSentAt = Date.now() - 40 * DAY_MS;

    const hit = (url: string, ip: string, userAgent: string, init: RequestInit = {}) =>
      fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
    const download = async (sent: SentMessage, email: string) => {
      // In a browser, as a person downloads: a mail client's agent fetching files is a scanner.
      const page = await hit(sent.urls(email).download!, '93.40.12.7', SAFARI);
      const action = /action="([^"]+)"/.exec(await page.text())![1]!.replaceAll('&amp;', '&');
      const file = await hit(new URL(action, server.url).href, '93.40.12.7', SAFARI, {
        method: 'POST',
      });
      assert.equal(file.status, 200);
    };
    const sendAndWait = async (
      client: HttpClient,
      payload: Parameters<typeof sendTrackedMessage>[1],
      mails: number,
      status = 'sent',
    ) => {
      const sent = await sendTrackedMessage(client, payload, { relay, mails });
      await waitUntil(
        async () => (await client.get(`/api/v1/messages/${sent.id}`)).body.status === status,
        `message ${sent.id} ${status}`,
      );
      await deliveredAgo(server.service.store, sent.id);
      return sent;
    };
    const rates = async (client: HttpClient, query: string) => {
      const answer = await client.get(`/api/v1/stats/rates?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };

    before(async () => {
      relay = await startTestRelay({
        rcpt: { 'bounced@example.org': reply(550, '5.1.1 No such user') },
      });
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true' },
        { outbox: { pollMs: 50 } },
      );
      const owner = await signupAdmin(server.url, { name: 'Anna Bianchi' });
      anna = owner.client;
      annaEmail = owner.input.email;
      const colleague = await signupMember(anna);
      bruno = colleague.client;
      brunoEmail = colleague.input.email;
      const file = await uploadAttachment(anna, 'listino.pdf', '%PDF-1.4 listino');
      // Anna's offer: four people, one of them bounced, her colleague in Cc and herself in Bcc
      // (the team's own copies), a link and a file.
      offer = await sendAndWait(
        anna,
        {
          subject: 'Offerta',
          to: ['reader', 'gmail', 'apple', 'bounced', 'silent'].map((n) => ({
            email: `${n}@example.org`,
          })),
          cc: [{ email: brunoEmail }],
          bcc: [{ email: annaEmail.toUpperCase() }],
          html: LINK,
          attachments: [file.body.id],
        },
        6,
        'partially_failed',
      );
      await sendAndWait(
        anna,
        {
          subject: 'Untracked',
          to: [{ email: 'one@example.org' }, { email: 'two@example.org' }],
          tracking: { enabled: false },
        },
        1,
      );
      brunos = await sendAndWait(
        bruno,
        {
          subject: 'Bruno’s',
          to: [{ email: 'carla@example.org' }, { email: 'dario@example.org' }],
        },
        2,
      );
      old = await sendAndWait(bruno, { subject: 'Old', to: [{ email: 'elena@example.org' }] }, 1);

      // People: a reader who opens twice, clicks and downloads; Gmail's proxy fetching for
      // another. A machine: Apple's privacy prefetch. Carla only clicks (an inferred open).
      const reader = offer.urls('reader@example.org');
      await hit(reader.pixel, '93.40.12.7', THUNDERBIRD);
      await hit(reader.pixel, '93.40.12.7', THUNDERBIRD);
      await hit(reader.clicks[0]!, '93.40.12.7', SAFARI);
      await download(offer, 'reader@example.org');
      await hit(offer.urls('gmail@example.org').pixel, '66.102.8.20', GMAIL_PROXY);
      await hit(offer.urls('apple@example.org').pixel, '17.58.63.10', 'Mozilla/5.0');
      // The team's own: Bruno opens and clicks the Cc, Anna her Bcc.
      await hit(offer.urls(brunoEmail).pixel, '93.40.12.9', THUNDERBIRD);
      await hit(offer.urls(brunoEmail).clicks[0]!, '93.40.12.9', SAFARI);
      await hit(offer.urls(annaEmail).pixel, '93.40.12.9', THUNDERBIRD);
      await hit(brunos.urls('carla@example.org').clicks[0]!, '93.40.12.11', SAFARI);
      // Elena opens the old message today: it counts for the message, sent 40 days ago.
      await hit(old.urls('elena@example.org').pixel, '93.40.12.12', THUNDERBIRD);
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
      await server.service.store.db
        .updateTable('messages')
        .set({ sentAt: oldSentAt })
        .where('id', '=', old.id)
        .execute();
    });
    after(async () => {
      await server?.close();
      await relay?.close();
    });

    const lastWeek = () => `from=${day(Date.now() - 6 * DAY_MS)}&to=${day(Date.now() + DAY_MS)}`;

    it('gives each message sent in the range people’s rates of its delivered copies, newest first', async () => {
      const body = await rates(anna, `by=message&${lastWeek()}`);
      assert.deepEqual(
        body.messages.map((m: any) => m.subject),
        ['Bruno’s', 'Untracked', 'Offerta'],
        'the old message was sent before the range',
      );
      assert.equal(body.cursor, null);
      const [b, u, o] = body.messages;
      assert.deepEqual(numbers(o), OFFER);
      assert.deepEqual(o.sender, { id: o.sender.id, name: 'Anna Bianchi' });
      assert.equal(o.id, offer.id);
      assert.deepEqual(numbers(u), {
        recipients: 2,
        tracked: 0,
        delivered: 0,
        deliveredWithFiles: 0,
        opened: 0,
        clicked: 0,
        downloaded: 0,
        rates: { opened: null, clicked: null, downloaded: null },
      });
      assert.deepEqual(numbers(b), BRUNOS);
      assert.equal(Date.parse(b.sentAt) >= Date.parse(u.sentAt), true);
    });

    it('adds each sender’s messages up, untracked ones counting in no rate', async () => {
      const body = await rates(bruno, `by=sender&${lastWeek()}`);
      assert.deepEqual(
        body.senders.map((s: any) => [s.name, s.messages, s.trackedMessages, numbers(s)]),
        [
          [
            'Anna Bianchi',
            2,
            1,
            // The untracked message's two recipients count as recipients, in no rate.
            { ...OFFER, recipients: 7 },
          ],
          [body.senders[1].name, 1, 1, BRUNOS],
        ],
      );
      assert.equal(body.senders[1].email, brunoEmail.toLowerCase());
    });

    it('takes messages by when they were sent: a range can cut a message out, or take only it', async () => {
      const wide = await rates(
        anna,
        `by=sender&from=${day(oldSentAt - DAY_MS)}&to=${day(Date.now() + DAY_MS)}`,
      );
      const b = wide.senders.find((s: any) => s.email === brunoEmail.toLowerCase());
      assert.equal(b.messages, 2);
      assert.deepEqual([b.delivered, b.opened, b.clicked], [3, 2, 1]);
      // Only the old message's days: Elena's open came later, and still counts for it.
      const then = await rates(
        anna,
        `from=${new Date(oldSentAt - 1).toISOString()}&to=${new Date(oldSentAt + 1).toISOString()}`,
      );
      assert.deepEqual(
        then.messages.map((m: any) => [m.subject, m.delivered, m.opened, m.rates.opened]),
        [['Old', 1, 1, 1]],
      );
      const none = await rates(
        anna,
        `by=sender&from=${day(oldSentAt + DAY_MS)}&to=${day(oldSentAt + 2 * DAY_MS)}`,
      );
      assert.deepEqual(none.senders, []);
    });

    it('pages through the messages with the cursor it gives', async () => {
      const first = await rates(anna, `limit=2&${lastWeek()}`);
      assert.deepEqual(
        first.messages.map((m: any) => m.subject),
        ['Bruno’s', 'Untracked'],
      );
      assert.equal(first.cursor, first.messages[1].id);
      const second = await rates(anna, `limit=2&cursor=${first.cursor}&${lastWeek()}`);
      assert.deepEqual(
        second.messages.map((m: any) => m.subject),
        ['Offerta'],
      );
      assert.equal(second.cursor, null);
    });

    it('refuses bounds that are not days or instants, from after to, and strangers', async () => {
      for (const query of [
        'from=yesterday',
        'from=2026-02-30',
        'to=2030-06-30T23:59:60Z',
        'from=2026-11-28T09:00:00',
        'from=2026-11-29&to=2026-11-28',
        'by=recipient',
        'limit=0',
        'cursor=abc',
      ]) {
        const refused = await anna.get(`/api/v1/stats/rates?${query}`);
        assert.equal(refused.status, 400, `${query}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'validation_failed', query);
        assert.equal(typeof refused.body.error.message, 'string');
      }
      const after = await anna.get('/api/v1/stats/rates?from=2026-11-29&to=2026-11-28');
      assert.match(after.body.error.message, /`from` must not be after `to`/);
      const stranger = await new HttpClient(server.url).get('/api/v1/stats/rates');
      assert.equal(stranger.status, 401);
    });

    it('draws the chart over the same chosen days', async () => {
      const from = day(Date.now() - 6 * DAY_MS);
      const to = day(Date.now() + DAY_MS);
      const daily = await anna.get(`/api/v1/stats/daily?from=${from}&to=${to}`);
      assert.equal(daily.status, 200, daily.text);
      assert.equal(daily.body.days.length, 7);
      assert.equal(daily.body.days[0].date, from);
      assert.equal(daily.body.totals.sent, 3, 'the old message is outside');
      // Elena's open happened today, inside the chart's days: activity is by the event's day.
      assert.equal(daily.body.totals.opened.people, 4);
      for (const query of [
        `from=${to}&to=${from}`,
        `from=${from}&to=${from}`,
        'from=2025-01-01&to=2026-06-01',
      ]) {
        const refused = await anna.get(`/api/v1/stats/daily?${query}`);
        assert.equal(refused.status, 400, `${query}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'validation_failed');
      }
    });
  });
}
