import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  signupMember,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { type MailUrls, mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
/** The workspace's name opens every privacy page's text: a formula, for the CSV export. */
const WORKSPACE = '=HYPERLINK("https://evil.example","Acme")';

/**
 * One person, spelt the way they opt out and the way another mail reached them: capitals of
 * several scripts, `ẞ`/`ß`/`SS`, Greek final sigma, decomposed accents, IDN domains in Unicode
 * and `xn--` forms. A look-alike in another script is someone else.
 */
const PEOPLE = [
  ['JOSÉ.Ünal@ext.example', 'jose\u0301.u\u0308nal@EXT.example'],
  ['STRAẞE@bücher.example', 'strasse@xn--bcher-kva.example'],
  ['ΟΔΥΣΣΕΎΣ@ext.example', 'οδυσσεύσ@ext.example'],
  ['ИВАН@пример.рф', 'иван@xn--e1afmkfd.xn--p1ai'],
] as const;
/** `jоsé.ünal@…` with a Cyrillic `о`: looks like José, is not José. */
const LOOK_ALIKE = 'j\u043esé.ünal@ext.example';

for (const engine of testEngines()) {
  describe(`a recipient's opt-out, through HTTP (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let member: HttpClient;
    /** Per person: the mail they opted out from, and another mail to another spelling. */
    const mails: { from: SentMessage; other: SentMessage }[] = [];
    let lookAlike: SentMessage;

    const hit = (url: string, init: RequestInit = {}) =>
      fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'user-agent': THUNDERBIRD, ...(init.headers as Record<string, string>) },
      });
    /** The one copy of a one-recipient message. */
    const urlsOf = (sent: SentMessage): MailUrls => mailUrls(sent.mails[0]!.parsed);
    const events = async (sent: SentMessage) => {
      await server.service.idle();
      return (await admin.get(`/api/v1/messages/${sent.id}/events`)).body.events as any[];
    };
    /** Opens and clicks the copy; how many events that added. */
    const openAndClick = async (sent: SentMessage) => {
      const before = (await events(sent)).length;
      const urls = urlsOf(sent);
      assert.equal((await hit(urls.pixel)).status, 200);
      assert.equal((await hit(urls.clicks[0]!)).status, 302, 'the link works all the same');
      return (await events(sent)).length - before;
    };
    // Each choice a second after the last: the proof log's ids (time-ordered) keep their order.
    const post = (url: string, language = 'en', body = '') => {
      server.clock.advance(1000);
      return hit(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': language,
        },
        body,
      });
    };
    const optOuts = async (query = '') => (await admin.get(`/api/v1/opt-outs${query}`)).body;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 100 } });
      admin = (await signupAdmin(server.url, { workspace: WORKSPACE })).client;
      member = (await signupMember(admin)).client;
      for (const [spelling, other] of PEOPLE) {
        mails.push({
          from: await sendTrackedMessage(admin, { to: [{ email: spelling }] }, { relay }),
          other: await sendTrackedMessage(admin, { to: [{ email: other }] }, { relay }),
        });
      }
      lookAlike = await sendTrackedMessage(admin, { to: [{ email: LOOK_ALIKE }] }, { relay });
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('stops recording hits on every copy to any spelling of the address, at once', async () => {
      for (const [i, { from, other }] of mails.entries()) {
        const language = i % 2 === 0 ? 'en' : 'it';
        const page = await hit(urlsOf(from).privacy!, { headers: { 'accept-language': language } });
        assert.equal(page.status, 200);
        const done = await post(urlsOf(from).privacy!, language);
        assert.equal(done.status, 200);
        assert.match(
          await done.text(),
          language === 'en' ? /you are no longer tracked/ : /il tracciamento è disattivato/,
        );
        assert.equal(await openAndClick(from), 0, `${PEOPLE[i]![0]}: the copy opted out from`);
        assert.equal(await openAndClick(other), 0, `${PEOPLE[i]![1]}: another spelling`);
        const proof = (await events(from)).filter((e) => e.type === 'opt_out');
        assert.equal(proof.length, 1, 'the opt-out itself is kept as an event');
      }
      assert.equal(await openAndClick(lookAlike), 2, 'a look-alike in another script is tracked');
    });

    it('sends later mail to any spelling untracked, and shows the privacy page as opted out', async () => {
      for (const [spelling, other] of PEOPLE) {
        const reply = await admin.post('/api/v1/messages', {
          to: [{ email: other.toUpperCase() }, { email: spelling.toLowerCase() }],
          subject: 'Later',
          text: 'https://example.com/later',
          tracking: { enabled: true },
        });
        assert.equal(reply.status, 201);
        // One person however often listed: one recipient, untracked.
        assert.equal(reply.body.to.length, 2);
        const sent = await admin.post(`/api/v1/messages/${reply.body.id}/send`);
        assert.equal(sent.status, 202, sent.text);
        const { recipients } = (await admin.get(`/api/v1/messages/${reply.body.id}`)).body;
        assert.equal(recipients.length, 1, other);
        assert.equal(recipients[0].tracked, false, other);
      }
      const page = await (await hit(urlsOf(mails[0]!.other).privacy!)).text();
      assert.match(page, /You have already stopped tracking/);
      assert.match(page, /action="\/t\/p\/[^"]+\/resume"/);
    });

    it('refuses an admin’s DELETE of a recipient’s opt-out, in any spelling (409), and says why', async () => {
      for (const [spelling, other] of PEOPLE) {
        for (const entry of [spelling, other, other.toUpperCase()]) {
          const reply = await admin.request(
            'DELETE',
            `/api/v1/do-not-track/${encodeURIComponent(entry)}`,
          );
          assert.equal(reply.status, 409, entry);
          assert.equal(reply.body.error.code, 'opt_out_recipient_only');
          assert.match(reply.body.error.message, /only they can withdraw it/);
          assert.match(reply.body.error.message, /track me again/);
        }
      }
      const listed = (await admin.get('/api/v1/do-not-track')).body.entries;
      assert.equal(listed.filter((e: any) => e.source === 'opt_out').length, PEOPLE.length);
    });

    it('lets admins delete their own entries, in any spelling; refuses members and strangers', async () => {
      assert.equal(
        (await admin.post('/api/v1/do-not-track', { entry: '@Bücher.Bank' })).status,
        201,
      );
      assert.equal(
        (await admin.post('/api/v1/do-not-track', { entry: 'CFO@bank.example' })).status,
        201,
      );
      const forbidden = await member.request('DELETE', '/api/v1/do-not-track/cfo%40bank.example');
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error.code, 'forbidden');
      const stranger = await new HttpClient(server.url).request(
        'DELETE',
        '/api/v1/do-not-track/cfo%40bank.example',
      );
      assert.equal(stranger.status, 401);
      for (const entry of ['cfo@BANK.example', '@xn--bcher-kva.bank']) {
        const reply = await admin.request(
          'DELETE',
          `/api/v1/do-not-track/${encodeURIComponent(entry)}`,
        );
        assert.equal(reply.status, 204, entry);
      }
      const gone = await admin.request('DELETE', '/api/v1/do-not-track/cfo%40bank.example');
      assert.equal(gone.status, 404);
      assert.equal(gone.body.error.code, 'not_found');
    });

    it('lets the recipient alone track themselves again, from any copy, recording the withdrawal', async () => {
      const { from, other } = mails[0]!;
      const resume = `${urlsOf(other).privacy!}/resume`;
      assert.equal((await hit(resume)).status, 404, 'a GET presses nothing');
      const forged = `${urlsOf(other).privacy!.slice(0, -4)}AAAA/resume`;
      assert.equal((await post(forged, 'en', 'confirm=yes')).status, 404);
      const before = (await optOuts()).optOuts.length;

      // A scanner submitting the form as it finds it (box unticked) changes nothing.
      for (const body of ['', 'confirm=no', 'confirm=YES&x=1', 'confirm=']) {
        const unticked = await post(resume, 'en', body);
        assert.equal(unticked.status, 400, body);
        const page = await unticked.text();
        assert.match(page, /<p role="alert">Tick the box first to confirm/);
        assert.match(page, /You have already stopped tracking/);
      }
      assert.equal((await optOuts()).optOuts.length, before);
      assert.equal(await openAndClick(other), 0, 'still not recorded');

      const done = await post(resume, 'it', 'confirm=yes');
      assert.equal(done.status, 200);
      assert.match(await done.text(), /il tracciamento è di nuovo attivo/);
      const entries = (await admin.get('/api/v1/do-not-track')).body.entries;
      assert.ok(!entries.some((e: any) => e.entry === 'josé.ünal@ext.example'));
      assert.equal(await openAndClick(from), 2, 'hits are recorded again');
      assert.equal(await openAndClick(other), 2);
      const page = await (await hit(urlsOf(from).privacy!)).text();
      assert.match(page, /Stop tracking me/);

      // Pressed again: nothing to withdraw, nothing logged; the page offers the stop button.
      const again = await post(resume, 'en', 'confirm=yes');
      assert.equal(again.status, 200);
      assert.match(await again.text(), /Stop tracking me/);
      assert.equal((await optOuts()).optOuts.length, before + 1);
    });

    it('keeps the proof of each choice and lets admins page through it as JSON', async () => {
      const { optOuts: rows, cursor } = await optOuts();
      assert.equal(cursor, null);
      // Each address as its copy was sent to it (the domain lower-cased at compose).
      const emailOf = (sent: SentMessage) => sent.recipients[0].email;
      assert.deepEqual(
        rows.map((r: any) => [r.action, r.email]),
        [
          ...mails.map(({ from }) => ['opt_out', emailOf(from)]),
          ['withdrawal', emailOf(mails[0]!.other)],
        ],
      );
      assert.equal(emailOf(mails[0]!.from), 'JOSÉ.Ünal@ext.example');
      const [first, second] = rows;
      assert.equal(first.messageId, mails[0]!.from.id);
      assert.equal(first.recipientId, mails[0]!.from.recipients[0].id);
      assert.equal(first.language, 'en');
      assert.equal(first.wordingVersion, '2026-12-03');
      assert.match(first.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(first.pageText.startsWith(`${WORKSPACE}\nTracking in this email`), first.pageText);
      assert.match(first.pageText, /\n\[Stop tracking me\]/);
      // The default TRACKING_IP and EVENT_RETENTION_DAYS, as the page said them.
      assert.match(
        first.pageText,
        /IP address shortened to its network \(\/24 for IPv4, \/48 for IPv6\)/,
      );
      assert.match(first.pageText, /kept for 365 days and then deleted/);
      assert.equal(second.language, 'it');
      assert.match(second.pageText, /\[Non tracciarmi più\]/);
      const withdrawal = rows.at(-1);
      assert.equal(withdrawal.messageId, mails[0]!.other.id);
      assert.match(withdrawal.pageText, /\[Tracciami di nuovo\]/);
      assert.match(withdrawal.pageText, /Sì, voglio che .* sappia di nuovo/);
      assert.ok(!withdrawal.pageText.includes('[Non tracciarmi più]'));

      const page1 = await optOuts('?limit=2');
      assert.deepEqual(page1.optOuts, rows.slice(0, 2));
      const page2 = await optOuts(`?limit=2&cursor=${page1.cursor}`);
      assert.deepEqual(page2.optOuts, rows.slice(2, 4));
      const page3 = await optOuts(`?limit=2&cursor=${page2.cursor}`);
      assert.deepEqual(page3.optOuts, rows.slice(4));
      assert.equal(page3.cursor, null);
    });

    it('exports the proof log as CSV, non-ASCII addresses intact and formulas defused', async () => {
      const reply = await admin.get('/api/v1/opt-outs.csv');
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(
        reply.headers.get('content-disposition') ?? '',
        /attachment; filename="opt-outs.csv"/,
      );
      const csv = reply.text;
      // `fetch`'s text() drops the byte-order mark; the bytes carry it.
      const raw = Buffer.from(
        await (
          await fetch(new URL('/api/v1/opt-outs.csv', server.url), {
            headers: { cookie: admin.cookie! },
          })
        ).arrayBuffer(),
      );
      assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const [header, ...records] = csv.split('\r\n');
      assert.equal(
        header,
        'id,action,email,at,messageId,recipientId,language,wordingVersion,pageText',
      );
      assert.equal(records.at(-1), '', 'each record ends with CRLF');
      for (const { from } of mails) {
        const email = from.recipients[0].email;
        assert.ok(csv.includes(`,opt_out,${email},`), email);
      }
      assert.ok(csv.includes(',opt_out,ИВАН@пример.рф,'));
      // The page text starts with the workspace's name: quoted, its quotes doubled, and
      // prefixed so no spreadsheet runs it.
      assert.ok(csv.includes(`,"'=HYPERLINK(""https://evil.example"",""Acme"")\n`), csv);
      assert.ok(!/,=HYPERLINK|,"=HYPERLINK/.test(csv));
    });

    it('shows the proof log to admins only', async () => {
      for (const path of ['/api/v1/opt-outs', '/api/v1/opt-outs.csv']) {
        const forbidden = await member.get(path);
        assert.equal(forbidden.status, 403, path);
        assert.equal(forbidden.body.error.code, 'forbidden');
        const stranger = await new HttpClient(server.url).get(path);
        assert.equal(stranger.status, 401, path);
        assert.equal(stranger.body.error.code, 'unauthenticated');
      }
      for (const query of ['?limit=0', '?limit=501', '?limit=x', `?cursor=${'x'.repeat(65)}`]) {
        const reply = await admin.get(`/api/v1/opt-outs${query}`);
        assert.equal(reply.status, 400, query);
        assert.equal(reply.body.error.code, 'validation_failed');
      }
    });
  });
}
