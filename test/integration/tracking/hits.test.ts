import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertEventRows, newId } from '../../../src/store/index.js';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  uploadAttachment,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { unzip } from '../../helpers/unzip.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const OFFER = 'https://shop.example.com/offerta?id=42&ref=mail#prezzi';
const IDN = 'https://bücher.example/katalog?q=ä';

/** A recipient's counters as its events' labels say they must be: people apart from machines. */
function countersOf(events: any[], recipientId: string) {
  const mine = events.filter((e) => e.recipient.id === recipientId);
  const count = (type: string, labels: string[]) =>
    mine.filter((e) => e.type === type && labels.includes(e.classification)).length;
  const people = ['human', 'proxy'];
  return {
    opens: count('open', people),
    clicks: count('click', people),
    downloads: count('download', people),
    machine: {
      opens: count('open', ['machine']),
      clicks: count('click', ['machine']),
      downloads: count('download', ['machine']),
    },
  };
}

/** The same shape, as the API shows a recipient's counters. */
const countersIn = (r: any) => ({
  opens: r.opens,
  clicks: r.clicks,
  downloads: r.downloads,
  machine: r.machine,
});

for (const engine of testEngines()) {
  describe(`tracking hits from a real sent mail (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let messageId: string;
    let sent: SentMessage;
    const pdf = Buffer.from('%PDF-1.7 listino\n'.repeat(100));
    const csv = Buffer.from('codice;prezzo\nA1;10\n');

    const hit = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
      fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'user-agent': THUNDERBIRD, ...init.headers },
      });
    // What was answered is processed before anything is read back.
    const events = async () => {
      await server.service.idle();
      return (await admin.get(`/api/v1/messages/${messageId}/events`)).body.events as any[];
    };
    const recipient = async (email: string) => {
      await server.service.idle();
      return (await admin.get(`/api/v1/messages/${messageId}`)).body.recipients.find(
        (r: any) => r.email === email,
      );
    };

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 100 } });
      admin = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      const a = await uploadAttachment(admin, 'listino prezzi «2026».pdf', pdf);
      const b = await uploadAttachment(admin, 'codici.csv', csv, 'text/csv');
      // Mario Rossi gets «Offerta Q4» (the factory's defaults), Lucia a copy.
      sent = await sendTrackedMessage(
        admin,
        {
          cc: [{ email: 'lucia@example.org', name: 'Lucia' }],
          html: `<html><body><p><a href="${OFFER.replace('&', '&amp;')}">Offerta</a> <a href="${IDN}">Libri</a></p></body></html>`,
          attachments: [a.body.id, b.body.id],
          tracking: { enabled: true, attachmentLinkTtlDays: 10 },
        },
        { relay },
      );
      messageId = sent.id;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('answers the open pixel with a 1×1 GIF that is never cached, and records the open', async () => {
      const response = await hit(sent.urls('mario@example.org').pixel, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/gif');
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      const gif = Buffer.from(await response.arrayBuffer());
      assert.equal(gif.subarray(0, 6).toString('latin1'), 'GIF89a');
      assert.equal(gif.readUInt16LE(6), 1);
      assert.equal(gif.readUInt16LE(8), 1);
      const [open] = await events();
      assert.equal(open.type, 'open');
      assert.equal(open.recipient.email, 'mario@example.org');
      assert.equal(open.classification, 'human');
      assert.equal(open.reason, null);
      assert.equal(open.inferred, false);
      assert.equal(
        open.ip,
        '127.0.0.0',
        'anonymised, and X-Forwarded-For ignored without TRUST_PROXY',
      );
      assert.equal(open.client.browser, 'Thunderbird');
      assert.equal(open.client.os, 'Linux');
    });

    it('redirects a click to the link exactly as it was sent, and records it', async () => {
      const urls = sent.urls('mario@example.org');
      assert.equal(urls.clicks.length, 2);
      const response = await hit(urls.clicks[0]!);
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('location'), OFFER);
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      const idn = await hit(urls.clicks[1]!);
      assert.equal(idn.headers.get('location'), new URL(IDN).href);
      const clicks = (await events()).filter((e) => e.type === 'click');
      assert.deepEqual(
        clicks.map((e) => e.link.url),
        [OFFER, IDN],
      );
      const mario = await recipient('mario@example.org');
      // Two links a second apart, from the address of the open just before: a burst, or a
      // reader, depending on timing; either way each click counts once, where its label says.
      assert.equal(mario.clicks + mario.machine.clicks, 2);
      assert.deepEqual(countersOf(await events(), mario.id), countersIn(mario));
      assert.ok(mario.lastEventAt);
    });

    it('infers the open of a click that comes first, and answers HEAD like GET', async () => {
      const urls = sent.urls('lucia@example.org');
      const head = await hit(urls.clicks[0]!, {
        method: 'HEAD',
        headers: { 'user-agent': CHROME },
      });
      assert.equal(head.status, 302);
      assert.equal(head.headers.get('location'), OFFER);
      const lucia = (await events()).filter((e) => e.recipient.email === 'lucia@example.org');
      assert.deepEqual(
        lucia.map((e) => [e.type, e.inferred, e.method]),
        [
          ['open', true, 'HEAD'],
          ['click', false, 'HEAD'],
        ],
      );
      await hit(urls.pixel);
      const again = (await events()).filter((e) => e.recipient.email === 'lucia@example.org');
      assert.equal(again.filter((e) => e.type === 'open' && !e.inferred).length, 1);
    });

    it('never redirects anywhere taken from the request (open-redirect attempts)', async () => {
      const click = sent.urls('mario@example.org').clicks[0]!;
      const before = (await events()).length;
      const withQuery = await hit(`${click}?url=https://evil.example/&next=https://evil.example/`);
      assert.equal(withQuery.headers.get('location'), OFFER);
      for (const attempt of [
        `${click}/https://evil.example/`,
        `${click}%2F%2Fevil.example`,
        click.replace('/t/c/', '/t/c//evil.example/'),
        `${click.slice(0, -1)}${click.endsWith('A') ? 'B' : 'A'}`,
      ]) {
        const response = await hit(attempt);
        assert.equal(response.status, 404, attempt);
        assert.equal(response.headers.get('location'), null);
      }
      assert.equal((await events()).length, before + 1, 'only the genuine click was recorded');
    });

    it('shows the download page without counting a download, and serves files only by POST', async () => {
      const urls = sent.urls('mario@example.org');
      const page = await hit(urls.download!, { headers: { 'accept-language': 'it-IT,it;q=0.9' } });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /listino prezzi «2026»\.pdf/);
      assert.match(html, /codici\.csv/);
      assert.match(html, /lang="it"/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal((await events()).filter((e) => e.type === 'download').length, 0);

      const actions = [...html.matchAll(/action="([^"]+)"/g)].map((m) =>
        m[1]!.replaceAll('&amp;', '&'),
      );
      const one = actions.find((a) => !a.endsWith('/all'))!;
      const file = await fetch(new URL(one, server.url), { method: 'POST' });
      assert.equal(file.status, 200);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), pdf);
      assert.equal(file.headers.get('content-type'), 'application/pdf');
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
      assert.match(file.headers.get('content-security-policy') ?? '', /sandbox/);
      const disposition = file.headers.get('content-disposition') ?? '';
      assert.match(
        disposition,
        /^attachment; filename="listino prezzi _2026_\.pdf"; filename\*=UTF-8''/,
      );
      assert.equal(
        decodeURIComponent(disposition.split("UTF-8''")[1]!),
        'listino prezzi «2026».pdf',
      );

      const all = await fetch(new URL(actions.find((a) => a.endsWith('/all'))!, server.url), {
        method: 'POST',
      });
      assert.equal(all.status, 200);
      assert.equal(all.headers.get('content-type'), 'application/zip');
      const zip = await unzip(Buffer.from(await all.arrayBuffer()));
      assert.deepEqual(zip.get('listino prezzi «2026».pdf'), pdf);
      assert.deepEqual(zip.get('codici.csv'), csv);
      const downloads = (await events()).filter((e) => e.type === 'download');
      assert.equal(downloads.length, 3);
      assert.ok(downloads.every((e) => e.attachment.filename));
      const mario = await recipient('mario@example.org');
      assert.equal(mario.downloads + mario.machine.downloads, 3);
      assert.deepEqual(countersOf(await events(), mario.id), countersIn(mario));
    });

    it('answers 410 after the link expires or is revoked, records the attempt, and says so in the chat', async () => {
      const view = (await admin.get(`/api/v1/messages/${messageId}`)).body;
      const [first, second] = view.attachments;
      const expired = await admin.patch(`/api/v1/messages/${messageId}/attachments/${first.id}`, {
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      assert.equal(expired.status, 200, expired.text);
      const revoked = await admin.patch(`/api/v1/messages/${messageId}/attachments/${second.id}`, {
        revoked: true,
      });
      assert.equal(revoked.body.revoked, true);

      const urls = sent.urls('lucia@example.org');
      const page = await hit(urls.download!, { headers: { 'accept-language': 'en' } });
      assert.equal(page.status, 410);
      assert.match(await page.text(), /Anna Bianchi/);
      const direct = await fetch(
        new URL(`${new URL(urls.download!).pathname}/${first.id}`, server.url),
        { method: 'POST' },
      );
      assert.equal(direct.status, 410);
      const attempts = (await events()).filter((e) => e.type === 'expired_access');
      assert.equal(attempts.length, 2);
      assert.equal(attempts[0].recipient.email, 'lucia@example.org');

      const extended = await admin.patch(`/api/v1/messages/${messageId}/attachments/${first.id}`, {
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      assert.equal(extended.status, 200);
      assert.equal((await hit(urls.download!)).status, 200);
      const shortened = await admin.patch(`/api/v1/messages/${messageId}/attachments/${first.id}`, {
        expiresAt: new Date(Date.now() + 43_200_000).toISOString(),
      });
      assert.equal(shortened.status, 200);
      assert.equal((await hit(urls.download!)).status, 200, 'shortened, the link still works');
      const chat = (await admin.get(`/api/v1/messages/${messageId}/chat`)).body.lines.filter(
        (l: any) => l.kind === 'expiry',
      );
      assert.equal(chat.length, 4);
      // Each line says what the change did: ending is not shortening.
      assert.match(
        chat[0].text,
        /^Anna Bianchi ended the link to listino prezzi «2026»\.pdf: it no longer works$/,
      );
      assert.match(chat[1].text, /revoked the link to codici\.csv/);
      assert.match(chat[2].text, /extended the link to listino prezzi «2026»\.pdf until /);
      assert.match(chat[3].text, /shortened the link to listino prezzi «2026»\.pdf until /);
      assert.notEqual(chat[0].author, 'system');
    });

    it('refuses to change a draft’s links (409) and an unknown attachment (404)', async () => {
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'x@example.org' }],
        subject: 'd',
        text: 't',
      });
      const reply = await admin.patch(`/api/v1/messages/${draft.body.id}/attachments/whatever`, {
        revoked: true,
      });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'message_not_sent');
      const unknown = await admin.patch(`/api/v1/messages/${messageId}/attachments/nope`, {
        revoked: true,
      });
      assert.equal(unknown.status, 404);
      const empty = await admin.patch(`/api/v1/messages/${messageId}/attachments/nope`, {});
      assert.equal(empty.status, 400);
    });

    it('lets the recipient stop being tracked: at once, for mail already sent, with proof', async () => {
      const urls = sent.urls('mario@example.org');
      const page = await hit(urls.privacy!, { headers: { 'accept-language': 'it' } });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form[^>]+method="post"/i);
      const optOut = await fetch(onServer(urls.privacy!, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      assert.equal(optOut.status, 200);
      const proof = (await events()).filter((e) => e.type === 'opt_out');
      assert.equal(proof.length, 1);
      assert.equal(proof[0].recipient.email, 'mario@example.org');
      const list = await admin.get('/api/v1/do-not-track');
      assert.deepEqual(
        list.body.entries.map((e: any) => [e.entry, e.source]),
        [['mario@example.org', 'opt_out']],
      );

      const before = (await events()).length;
      const pixel = await hit(urls.pixel);
      assert.equal(pixel.status, 200);
      const click = await hit(urls.clicks[0]!);
      assert.equal(click.status, 302);
      assert.equal(click.headers.get('location'), OFFER);
      assert.equal((await events()).length, before, 'answered, but no longer recorded');
      const again = await hit(urls.privacy!);
      assert.equal(again.status, 200);
    });

    it('answers 1,000 malformed tokens with 4xx, never a 5xx, and records nothing', async () => {
      const before = (await events()).length;
      const genuine = new URL(sent.urls('lucia@example.org').clicks[0]!).pathname.split('/').pop()!;
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_%.~!$&'()*+,;=:@ é/\\";
      const tokens: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const kind = i % 5;
        if (kind === 0) tokens.push(genuine.slice(0, Math.floor(random() * genuine.length)));
        else if (kind === 1) {
          const at = Math.floor(random() * genuine.length);
          const swapped = alphabet[Math.floor(random() * 64)]!;
          const other = swapped === genuine[at] ? (swapped === 'A' ? 'B' : 'A') : swapped;
          tokens.push(genuine.slice(0, at) + other + genuine.slice(at + 1));
        } else if (kind === 2)
          tokens.push(genuine + alphabet[Math.floor(random() * alphabet.length)]);
        else {
          const length = Math.floor(random() * 120) + 1;
          tokens.push(
            Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
          );
        }
      }
      const statuses = new Map<number, number>();
      for (const [i, token] of tokens.entries()) {
        const kind = ['o', 'c', 'd', 'p'][i % 4]!;
        const path = `/t/${kind}/${encodeURIComponent(token)}`;
        const method = i % 7 === 0 ? 'POST' : i % 11 === 0 ? 'HEAD' : 'GET';
        const response = await fetch(new URL(path, server.url), { method, redirect: 'manual' });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `${method} ${path} → ${response.status}`);
      }
      assert.ok(
        [...statuses.keys()].every((s) => s >= 400),
        JSON.stringify([...statuses]),
      );
      assert.equal((await events()).length, before);
    });

    it('shows an image proxy as the proxy, not as the Windows XP it pretends to be, old events too', async () => {
      const gmail =
        'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
      await hit(sent.urls('lucia@example.org').pixel, { headers: { 'user-agent': gmail } });
      const proxyOnly = {
        browser: 'Gmail image proxy',
        browserVersion: null,
        os: null,
        osVersion: null,
        device: null,
      };
      const fresh = (await events()).filter((e) => e.userAgent === gmail);
      assert.equal(fresh.length, 1);
      assert.equal(fresh[0].classification, 'proxy');
      assert.deepEqual(fresh[0].client, proxyOnly);
      // An event stored before the rule, its client parsed whole.
      const lucia = await recipient('lucia@example.org');
      const at = Date.now();
      await insertEventRows(server.service.store.db, [
        {
          id: newId(at),
          workspaceId: (
            await server.service.store.db
              .selectFrom('messages')
              .select('workspaceId')
              .where('id', '=', messageId)
              .executeTakeFirstOrThrow()
          ).workspaceId,
          messageId,
          recipientId: lucia.id,
          type: 'open',
          at,
          method: 'GET',
          classification: 'proxy',
          reason: 'gmail_proxy',
          inferred: 0,
          userAgent: gmail,
          client: JSON.stringify({
            ...proxyOnly,
            browserVersion: '11.0',
            os: 'Windows',
            osVersion: 'XP',
            device: 'desktop',
          }),
        },
      ]);
      const stored = (await events()).filter((e) => e.userAgent === gmail);
      assert.equal(stored.length, 2);
      for (const event of stored) assert.deepEqual(event.client, proxyOnly);
    });
  });
}
