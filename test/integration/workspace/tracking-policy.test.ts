import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addressKey } from '../../../src/mail/index.js';
import {
  sendTrackedMessage,
  signupAdmin,
  signupMember,
  uploadAttachment,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { type RelayMessage, startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const OFFER = 'https://shop.example.com/offerta?id=42';
const HTML = `<html><body><p>Buongiorno, <a href="${OFFER}">ecco l’offerta</a>.</p></body></html>`;
const TEXT = `Buongiorno, ecco l’offerta: ${OFFER}`;

/** Every tracking URL a mail carries, in its html and its text, whatever the kind. */
function trackingUrls(mail: RelayMessage): string[] {
  const body = `${mail.parsed.html || ''}\n${mail.parsed.text ?? ''}`;
  return [...body.matchAll(/https?:\/\/[^\s"'<>]+\/t\/[a-z]\/[\w-]+/g)].map((m) => m[0]);
}

/** The mail the relay received for `email` (its envelope names it). */
function mailTo(mails: readonly RelayMessage[], email: string): RelayMessage {
  const mail = mails.find((m) => m.envelope.to.some((to) => addressKey(to) === addressKey(email)));
  if (!mail) throw new Error(`no mail for ${email}`);
  return mail;
}

for (const engine of testEngines()) {
  describe(`the workspace tracking policy, end to end (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let member: HttpClient;

    const fetchOn = (url: string, init: RequestInit = {}) =>
      fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'user-agent': THUNDERBIRD, ...(init.headers as Record<string, string>) },
      });
    /** A form's POST, as the privacy page's buttons send it. */
    const press = (url: string, language = 'en', body = '') =>
      fetchOn(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': language,
        },
        body,
      });
    const setPolicy = async (trackingPolicy: string) => {
      const reply = await admin.patch('/api/v1/workspace/settings', { trackingPolicy });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.trackingPolicy, trackingPolicy);
    };
    const message = async (id: string) => {
      await server.service.idle();
      return (await admin.get(`/api/v1/messages/${id}`)).body;
    };
    const recipientOf = async (id: string, email: string) =>
      (await message(id)).recipients.find((r: any) => r.email === email);
    const eventsOf = async (id: string) => {
      await server.service.idle();
      return (await admin.get(`/api/v1/messages/${id}/events`)).body.events as any[];
    };

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 100 } });
      admin = (await signupAdmin(server.url, { workspace: 'Rossi & Figli <srl>' })).client;
      member = (await signupMember(admin)).client;
    });
    after(async () => {
      await server?.close();
      await relay?.close();
    });

    it('starts at notice, takes each policy from an admin, and refuses any other value (400) or a member (403)', async () => {
      assert.equal((await admin.get('/api/v1/workspace/settings')).body.trackingPolicy, 'notice');
      for (const policy of ['consent', 'aggregate', 'off', 'notice']) await setPolicy(policy);
      assert.equal((await member.get('/api/v1/workspace/settings')).body.trackingPolicy, 'notice');
      for (const bad of ['always', 'NOTICE', '', 'consent ', 42, null, { policy: 'off' }]) {
        const reply = await admin.patch('/api/v1/workspace/settings', { trackingPolicy: bad });
        assert.equal(reply.status, 400, `${JSON.stringify(bad)}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed');
        assert.match(reply.body.error.message, /trackingPolicy/);
        assert.doesNotMatch(
          reply.body.error.message,
          /constant|anyOf/,
          'one error, not one per value',
        );
        if (typeof bad === 'string') {
          assert.match(reply.body.error.message, /"notice", "consent", "aggregate", "off"/);
        }
      }
      const forbidden = await member.patch('/api/v1/workspace/settings', { trackingPolicy: 'off' });
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error.code, 'forbidden');
      assert.equal((await admin.get('/api/v1/workspace/settings')).body.trackingPolicy, 'notice');
    });

    it('imports consents keyed by every spelling of the address, lists and withdraws them (admins only)', async () => {
      const imported = await admin.post('/api/v1/consents', {
        email: 'JOSÉ.Ünal@Bücher.Example',
        proof: 'Modulo firmato il 3 novembre 2026',
      });
      assert.equal(imported.status, 201, imported.text);
      assert.equal(imported.body.addressKey, 'josé.ünal@xn--bcher-kva.example');
      assert.equal(imported.body.source, 'import');
      const straße = await admin.post('/api/v1/consents', {
        email: 'Straße@Example.org',
        proof: 'web form',
      });
      assert.equal(straße.body.addressKey, 'strasse@example.org');
      const list = (await admin.get('/api/v1/consents')).body.consents;
      assert.deepEqual(
        list.map((c: any) => [c.addressKey, c.proof]),
        [
          ['josé.ünal@xn--bcher-kva.example', 'Modulo firmato il 3 novembre 2026'],
          ['strasse@example.org', 'web form'],
        ],
      );
      // Withdrawn under another spelling of the same address: the capital sharp s folds to ss.
      const removed = await admin.delete(
        `/api/v1/consents/${encodeURIComponent('STRAẞE@example.ORG')}`,
      );
      assert.equal(removed.status, 204, removed.text);
      assert.deepEqual(
        (await admin.get('/api/v1/consents')).body.consents.map((c: any) => c.addressKey),
        ['josé.ünal@xn--bcher-kva.example'],
      );
      const again = await admin.delete('/api/v1/consents/strasse%40example.org');
      assert.equal(again.status, 404);
      assert.equal(again.body.error.code, 'not_found');
    });

    it('refuses a consent without a valid address (400) or a proof (400)', async () => {
      for (const email of [
        'mario',
        'mario@',
        '@example.org',
        'mario@exa mple.org',
        'a@b',
        'm@-x-.it',
        'mario@example.org\r\nBcc: x@y.it',
      ]) {
        const reply = await admin.post('/api/v1/consents', { email, proof: 'p' });
        assert.equal(reply.status, 400, `${JSON.stringify(email)}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed');
      }
      for (const body of [
        { email: 'mario@example.org' },
        { email: 'mario@example.org', proof: '' },
        { email: 'mario@example.org', proof: '   ' },
        { email: 'mario@example.org', proof: 'x'.repeat(2001) },
        { proof: 'p' },
        { email: 'mario@example.org', proof: 'p', extra: true },
      ]) {
        const reply = await admin.post('/api/v1/consents', body);
        assert.equal(reply.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed');
      }
      const badDelete = await admin.delete('/api/v1/consents/not-an-address');
      assert.equal(badDelete.status, 400);
      assert.equal(badDelete.body.error.code, 'validation_failed');
    });

    it('keeps consents to admins: a member gets 403 on each route', async () => {
      for (const reply of [
        await member.get('/api/v1/consents'),
        await member.post('/api/v1/consents', { email: 'mario@example.org', proof: 'p' }),
        await member.delete('/api/v1/consents/mario%40example.org'),
        await member.get('/api/v1/consents/log'),
      ]) {
        assert.equal(reply.status, 403, reply.text);
        assert.equal(reply.body.error.code, 'forbidden');
      }
    });

    describe('consent', () => {
      let sent: Awaited<ReturnType<typeof sendTrackedMessage>>;

      before(async () => {
        await setPolicy('consent');
        await admin.post('/api/v1/consents', {
          email: 'ada@example.org',
          proof: 'newsletter sign-up',
        });
        await admin.post('/api/v1/do-not-track', { entry: '@bank.example' });
        await admin.post('/api/v1/consents', { email: 'Direttore@BANK.example', proof: 'letter' });
        sent = await sendTrackedMessage(
          admin,
          {
            to: [{ email: 'josé.ünal@bücher.example' }, { email: 'ada@example.org' }],
            cc: [{ email: 'bruno@example.org' }],
            bcc: [{ email: 'direttore@bank.example' }],
            html: HTML,
            text: TEXT,
          },
          { relay, untilSent: true },
        );
      });

      it('tracks only the consenting addresses (an IDN spelling included); the others get the untracked copy', async () => {
        for (const email of ['josé.ünal@bücher.example', 'ada@example.org']) {
          const mail = mailTo(sent.mails, email);
          const urls = mailUrls(mail.parsed);
          assert.ok(urls.pixel.includes('/t/o/'), `${email}: a pixel of its own`);
          assert.equal(urls.clicks.length, 1, `${email}: the link is tracked`);
          assert.ok(urls.privacy, `${email}: the privacy link`);
        }
        for (const email of ['bruno@example.org', 'direttore@bank.example']) {
          const mail = mailTo(sent.mails, email);
          assert.deepEqual(trackingUrls(mail), [], `${email}: nothing tracked`);
          assert.match(
            mail.parsed.html as string,
            /href="https:\/\/shop\.example\.com\/offerta\?id=42"/,
          );
        }
        const view = await message(sent.id);
        assert.equal(view.tracking.policy, 'consent');
        assert.equal(view.tracking.aggregate, null);
        assert.deepEqual(
          view.recipients.map((r: any) => [r.email, r.tracked, r.notTrackedReason]),
          [
            ['josé.ünal@bücher.example', true, null],
            ['ada@example.org', true, null],
            ['bruno@example.org', false, 'no_consent'],
            // The do-not-track list wins over a consent.
            ['direttore@bank.example', false, 'do_not_track'],
          ],
        );
      });

      it('lets the recipient withdraw on their privacy page: recording stops at once for the mail already sent', async () => {
        const urls = mailUrls(mailTo(sent.mails, 'ada@example.org').parsed);
        assert.equal((await fetchOn(urls.pixel)).status, 200);
        assert.equal((await recipientOf(sent.id, 'ada@example.org')).opens, 1);

        const page = await fetchOn(urls.privacy!, { headers: { 'accept-language': 'it' } });
        const html = await page.text();
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        assert.match(html, /Hai acconsentito a che <bdi>Rossi &amp; Figli &lt;srl&gt;<\/bdi>/);
        const withdraw = /<form method="post" action="([^"]+\/consent\/withdraw)"/.exec(html)?.[1];
        assert.ok(withdraw, 'a withdraw button');

        const done = await press(new URL(withdraw, server.url).href, 'it');
        assert.equal(done.status, 200);
        assert.match(await done.text(), /Fatto: il consenso è revocato/);
        assert.equal((await fetchOn(urls.pixel)).status, 200);
        assert.equal((await fetchOn(urls.clicks[0]!)).status, 302, 'the link still works');
        const after = await recipientOf(sent.id, 'ada@example.org');
        assert.deepEqual([after.opens, after.clicks], [1, 0], 'answered, but no longer recorded');
        assert.deepEqual(
          (await admin.get('/api/v1/consents')).body.consents.map((c: any) => c.addressKey),
          ['direttore@bank.example', 'josé.ünal@xn--bcher-kva.example'],
        );

        // Consent given again on the page: recording resumes, and the proof is what the page said.
        const offered = await (await fetchOn(urls.privacy!)).text();
        const give = /<form method="post" action="([^"]+\/consent)"/.exec(offered)?.[1];
        assert.ok(give, 'a give-consent button');
        assert.match(
          offered,
          /You can agree that <bdi>Rossi &amp; Figli &lt;srl&gt;<\/bdi> records/,
        );
        assert.match(offered, /<input type="checkbox" name="confirm" value="yes" required>/);
        // A scanner submitting the form as found (box empty, or no body at all) consents nothing.
        for (const body of ['', 'confirm=on', 'confirm=YES']) {
          const unticked = await press(new URL(give, server.url).href, 'en', body);
          assert.equal(unticked.status, 400, body);
          assert.match(await unticked.text(), /Tick the box first/);
        }
        const bare = await fetchOn(new URL(give, server.url).href, { method: 'POST' });
        assert.equal(bare.status, 400);
        assert.equal(
          (await admin.get('/api/v1/consents')).body.consents.some(
            (c: any) => c.addressKey === 'ada@example.org',
          ),
          false,
          'still withdrawn',
        );
        assert.equal(
          (await press(new URL(give, server.url).href, 'en', 'confirm=yes')).status,
          200,
        );
        await fetchOn(urls.pixel);
        assert.equal((await recipientOf(sent.id, 'ada@example.org')).opens, 2);
        const consent = (await admin.get('/api/v1/consents')).body.consents.find(
          (c: any) => c.addressKey === 'ada@example.org',
        );
        assert.equal(consent.source, 'privacy_page');
        assert.match(consent.proof, /^\[en\] You can agree that Rossi & Figli <srl> records/);
        // The log keeps each choice: the import, the withdrawal, the consent given again.
        const log = (await admin.get('/api/v1/consents/log')).body.entries.filter(
          (e: any) => e.addressKey === 'ada@example.org',
        );
        const recipientId = (await recipientOf(sent.id, 'ada@example.org')).id;
        assert.deepEqual(
          log.map((e: any) => [e.action, e.source, e.recipientId]),
          [
            ['given', 'import', null],
            ['withdrawn', 'privacy_page', recipientId],
            ['given', 'privacy_page', recipientId],
          ],
        );
        assert.match(
          log[1].proof,
          /^\[it\] Hai acconsentito a che Rossi & Figli <srl> .*\[Revoca il consenso\]$/,
        );
        assert.ok(log.every((e: any) => !Number.isNaN(Date.parse(e.at))));
      });

      it('stops recording when an admin withdraws a consent, for mail already sent', async () => {
        const urls = mailUrls(mailTo(sent.mails, 'josé.ünal@bücher.example').parsed);
        await fetchOn(urls.pixel);
        assert.equal((await recipientOf(sent.id, 'josé.ünal@bücher.example')).opens, 1);
        const removed = await admin.delete(
          `/api/v1/consents/${encodeURIComponent('Josė.ünal@xn--bcher-kva.example'.replace('ė', 'é'))}`,
        );
        assert.equal(removed.status, 204);
        await fetchOn(urls.pixel);
        assert.equal((await recipientOf(sent.id, 'josé.ünal@bücher.example')).opens, 1);
      });

      it('lets an opt-out win over a consent: nothing recorded, and the next mail goes out untracked', async () => {
        const urls = mailUrls(mailTo(sent.mails, 'ada@example.org').parsed);
        assert.equal((await press(urls.privacy!)).status, 200);
        const opens = (await recipientOf(sent.id, 'ada@example.org')).opens;
        await fetchOn(urls.pixel);
        assert.equal((await recipientOf(sent.id, 'ada@example.org')).opens, opens);
        const page = await (await fetchOn(urls.privacy!)).text();
        assert.doesNotMatch(page, /\/consent/, 'no consent button once opted out');
        const next = await sendTrackedMessage(
          admin,
          { to: [{ email: 'ADA@example.org' }], html: HTML },
          { relay, untilSent: true },
        );
        assert.deepEqual(trackingUrls(next.mails[0]!), []);
        const [recipient] = (await message(next.id)).recipients;
        assert.deepEqual([recipient.tracked, recipient.notTrackedReason], [false, 'do_not_track']);
      });
    });

    describe('aggregate', () => {
      let sent: Awaited<ReturnType<typeof sendTrackedMessage>>;
      const pdf = Buffer.from('%PDF-1.7 listino\n'.repeat(20));

      before(async () => {
        await setPolicy('aggregate');
        const file = await uploadAttachment(admin, 'listino.pdf', pdf);
        sent = await sendTrackedMessage(
          admin,
          {
            to: [{ email: 'lucia@example.org' }, { email: 'Zoë@Bücher.example' }],
            cc: [{ email: 'marco@example.org' }],
            bcc: [{ email: 'chiara@example.org' }, { email: 'cassa@bank.example' }],
            html: HTML,
            text: TEXT,
            attachments: [file.body.id],
          },
          // One shared copy for the four, one untracked for the do-not-track address.
          { relay, mails: 2, untilSent: true },
        );
      });

      it('sends every copy the same per-message pixel, untracked links, real attachments and no per-recipient token', async () => {
        const shared = mailTo(sent.mails, 'lucia@example.org');
        for (const email of ['zoë@bücher.example', 'marco@example.org', 'chiara@example.org']) {
          assert.equal(mailTo(sent.mails, email), shared, `${email} gets the shared copy`);
        }
        // One token in the whole mail: the pixel's, and the foot line's page about it.
        const urls = new Set(trackingUrls(shared));
        assert.equal(urls.size, 1, `one shared token: ${[...urls].join(', ')}`);
        assert.match([...urls][0]!, /\/t\/a\/[\w-]+$/);
        const html = shared.parsed.html as string;
        assert.match(html, /<img src="[^"]+\/t\/a\/[\w-]+"[^>]*alt=""/);
        assert.match(
          html,
          /never by whom\. <a href="[^"]+\/t\/a\/[\w-]+\/about"[^>]*>How it works<\/a>/,
        );
        assert.doesNotMatch(html, /\/t\/[ocdp]\//, 'no per-recipient URL');
        assert.match(html, /href="https:\/\/shop\.example\.com\/offerta\?id=42"/);
        const text = shared.parsed.text ?? '';
        assert.ok(text.startsWith(TEXT), 'the text part as composed, the foot line after it');
        assert.match(text, /never by whom\. How it works: https?:\/\/\S+\/t\/a\/[\w-]+\/about/);
        assert.deepEqual(
          shared.parsed.attachments.map((a) => [a.filename, a.content.equals(pdf)]),
          [['listino.pdf', true]],
        );
        assert.deepEqual(trackingUrls(mailTo(sent.mails, 'cassa@bank.example')), []);

        const view = await message(sent.id);
        assert.equal(view.tracking.policy, 'aggregate');
        assert.deepEqual(view.tracking.aggregate, { opens: 0, machineOpens: 0 });
        assert.deepEqual(
          view.recipients.map((r: any) => [r.email, r.tracked, r.notTrackedReason]),
          [
            ['lucia@example.org', false, 'aggregate'],
            ['Zoë@bücher.example', false, 'aggregate'],
            ['marco@example.org', false, 'aggregate'],
            ['chiara@example.org', false, 'aggregate'],
            ['cassa@bank.example', false, 'do_not_track'],
          ],
        );
      });

      it('counts opens of the shared pixel per message only, people apart from machines and the team: no event, no recipient counter', async () => {
        const [pixel] = trackingUrls(mailTo(sent.mails, 'lucia@example.org'));
        for (let i = 0; i < 2; i += 1) assert.equal((await fetchOn(pixel!)).status, 200);
        // Gmail's image proxy fetches for a real open: a person's, as on a recipient's copy.
        const gmail = await fetchOn(pixel!, { headers: { 'user-agent': GMAIL_PROXY } });
        assert.equal(gmail.status, 200);
        // The team's own look at the mail (a session of the workspace) counts nowhere.
        const own = await fetchOn(pixel!, { headers: { cookie: admin.cookie! } });
        assert.equal(own.status, 200);
        // A scanner without a user agent is a machine, counted apart.
        const scanner = await fetch(onServer(pixel!, server.url), {
          headers: { 'user-agent': '' },
        });
        assert.equal(scanner.status, 200);
        assert.equal(scanner.headers.get('content-type'), 'image/gif');
        const view = await message(sent.id);
        assert.deepEqual(view.tracking.aggregate, { opens: 3, machineOpens: 1 });
        for (const r of view.recipients) {
          assert.deepEqual(
            [r.opens, r.clicks, r.downloads, r.machine, r.lastEventAt],
            [0, 0, 0, { opens: 0, clicks: 0, downloads: 0 }, null],
          );
        }
        assert.deepEqual(await eventsOf(sent.id), []);
        const feed = (await admin.get('/api/v1/notifications')).body.notifications as any[];
        assert.ok(!feed.some((n) => n.messageId === sent.id), 'no notification about anyone');
      });

      it('explains the count on the foot line’s page, in the reader’s language, recording nothing', async () => {
        const [pixel] = trackingUrls(mailTo(sent.mails, 'lucia@example.org'));
        const before = (await message(sent.id)).tracking.aggregate;
        const about = await fetchOn(`${pixel}/about`);
        assert.equal(about.status, 200);
        assert.match(about.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        const html = await about.text();
        assert.match(html, /This email only counts its openings/);
        assert.match(html, /from <bdi>Rossi &amp; Figli &lt;srl&gt;<\/bdi>/);
        assert.doesNotMatch(html, /<form/, 'nothing to stop per person');
        const italian = await fetchOn(`${pixel}/about`, { headers: { 'accept-language': 'it' } });
        assert.match(await italian.text(), /Questa email conta soltanto le sue aperture/);
        assert.equal((await fetchOn(`${server.url}/t/a/forged/about`)).status, 404);
        assert.deepEqual((await message(sent.id)).tracking.aggregate, before);
      });

      it('leaves the foot line out when the workspace switched its notice off, the pixel in', async () => {
        await admin.patch('/api/v1/workspace/settings', { privacyNotice: { enabled: false } });
        try {
          const quiet = await sendTrackedMessage(
            admin,
            { to: [{ email: 'lucia@example.org' }], html: HTML, text: TEXT },
            { relay, untilSent: true },
          );
          const html = quiet.mails[0]!.parsed.html as string;
          assert.match(html, /<img src="[^"]+\/t\/a\/[\w-]+"/);
          const [first] = trackingUrls(mailTo(sent.mails, 'lucia@example.org'));
          assert.notEqual(trackingUrls(quiet.mails[0]!)[0], first, 'each message its own pixel');
          assert.doesNotMatch(html, /\/about|never by whom/);
          assert.equal(quiet.mails[0]!.parsed.text?.trim(), TEXT);
        } finally {
          await admin.patch('/api/v1/workspace/settings', { privacyNotice: { enabled: true } });
        }
      });

      it('answers a forged or altered shared-pixel token with 404, recording nothing', async () => {
        const [pixel] = trackingUrls(mailTo(sent.mails, 'lucia@example.org'));
        const token = pixel!.split('/').pop()!;
        const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
        for (const bad of [altered, 'x', token.slice(0, -1), `${token}A`]) {
          const reply = await fetchOn(`${server.url}/t/a/${bad}`);
          assert.equal(reply.status, 404, bad);
        }
        // An open token of a recipient copy is not a shared-pixel token, nor the reverse.
        assert.equal((await fetchOn(`${server.url}/t/o/${token}`)).status, 404);
        assert.deepEqual((await message(sent.id)).tracking.aggregate, {
          opens: 3,
          machineOpens: 1,
        });
      });

      it('keeps the policy a message was sent under when the setting changes', async () => {
        await setPolicy('off');
        const [pixel] = trackingUrls(mailTo(sent.mails, 'lucia@example.org'));
        await fetchOn(pixel!);
        const view = await message(sent.id);
        assert.equal(view.tracking.policy, 'aggregate');
        assert.deepEqual(view.tracking.aggregate, { opens: 4, machineOpens: 1 });
      });
    });

    describe('off', () => {
      it('sends one untracked copy, says why on each recipient, and keeps notice mail tracked', async () => {
        await setPolicy('off');
        const off = await sendTrackedMessage(
          admin,
          {
            to: [{ email: 'lucia@example.org' }],
            cc: [{ email: 'marco@example.org' }],
            html: HTML,
            text: TEXT,
          },
          { relay, mails: 1, untilSent: true },
        );
        assert.deepEqual(trackingUrls(off.mails[0]!), []);
        const view = await message(off.id);
        assert.equal(view.tracking.policy, 'off');
        assert.deepEqual(
          view.recipients.map((r: any) => [r.tracked, r.notTrackedReason]),
          [
            [false, 'policy_off'],
            [false, 'policy_off'],
          ],
        );

        await setPolicy('notice');
        const notice = await sendTrackedMessage(
          admin,
          { to: [{ email: 'lucia@example.org' }], html: HTML },
          { relay, untilSent: true },
        );
        const urls = mailUrls(notice.mails[0]!.parsed);
        assert.equal(urls.clicks.length, 1);
        const page = await (await fetchOn(urls.privacy!)).text();
        assert.match(page, /action="\/t\/p\/[\w-]+\/consent"/, 'a notice copy offers consent too');
        assert.equal((await message(notice.id)).tracking.policy, 'notice');
        assert.equal((await message(off.id)).tracking.policy, 'off');
      });
    });
  });
}
