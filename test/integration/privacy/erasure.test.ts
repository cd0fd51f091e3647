import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUserInWorkspace } from '../../../src/accounts/index.js';
import { addressKey, foldCase } from '../../../src/mail/index.js';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import { sendTrackedMessage, signupAdmin, signupMember } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** The person erased, as the first message spelled them: non-ASCII local part, IDN domain. */
const TARGET = { email: 'José.Ünal@Bücher.example', name: 'José Ünal' };
/** The same person as the second message spelled them: capitals and the punycode domain. */
const TARGET_AGAIN = 'JOSÉ.ÜNAL@xn--bcher-kva.example';
/** Someone else, on the same messages: nothing of theirs may change. */
const BYSTANDER = { email: 'mario@example.org', name: 'Mario Rossi' };

/**
 * Every form the erased address (or its owner's name) could take in a response: the key, both
 * domain forms, each case, the local part alone, the name, URL-encoded. Searched case-folded.
 */
const NEEDLES = [
  ...new Set(
    [
      TARGET.email,
      TARGET_AGAIN,
      'josé.ünal@bücher.example',
      'josé.ünal@xn--bcher-kva.example',
      'jose.unal',
      'josé.ünal',
      TARGET.name,
      encodeURIComponent(TARGET.email),
      encodeURIComponent('josé.ünal'),
      JSON.stringify('josé.ünal').slice(1, -1),
      'jos\\u00e9',
    ].map(foldCase),
  ),
];

function carriesTarget(body: string): string | undefined {
  const folded = foldCase(body.normalize('NFC'));
  return NEEDLES.find((needle) => folded.includes(needle));
}

for (const engine of testEngines()) {
  describe(`erasing a recipient (${engine})`, () => {
    let relay: TestRelay;
    let receiver: WebhookReceiver;
    let server: TestService;
    let admin: HttpClient;
    let member: HttpClient;
    let messageIds: string[];
    let webhookId: string;
    let draftId: string;
    let targetPrivacyUrl: string;
    let targetPixel: string;
    let bystanderBefore: any;
    let statsBefore: any;

    const hit = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        ...init,
        headers: { 'x-forwarded-for': '93.40.12.7', 'user-agent': SAFARI, ...init.headers },
      });
      await response.arrayBuffer();
      await server.service.idle();
      return response;
    };
    const settled = async () => {
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
    };
    /** The copies the relay received for a person, whatever the spelling of their address. */
    const copiesTo = (email: string) =>
      relay.messages.filter((m) => addressKey(m.envelope.to[0] ?? '') === addressKey(email));

    before(async () => {
      relay = await startTestRelay();
      receiver = await startWebhookReceiver();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' },
        {
          outbox: { pollMs: 50 },
          notify: { clickSettleMs: SETTLE_MS },
          // One failed attempt, then a retry due an hour later: still pending at the erasure.
          webhooks: { retryDelaysMs: [3_600_000], pollMs: 50 },
        },
      );
      const signup = await signupAdmin(server.url, { name: 'Anna' });
      admin = signup.client;
      member = (await signupMember(admin)).client;
      receiver.respondWith(500);
      const webhook = await admin.post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['open', 'click'],
      });
      assert.equal(webhook.status, 201, webhook.text);
      webhookId = webhook.body.id;

      const first = await sendTrackedMessage(
        admin,
        { to: [TARGET, BYSTANDER], subject: 'Offerta Q4' },
        { relay },
      );
      const second = await sendTrackedMessage(
        admin,
        { to: [BYSTANDER], cc: [{ email: TARGET_AGAIN }], subject: 'Listino 2027' },
        { relay },
      );
      messageIds = [first.id, second.id];
      await server.service.idle();
      for (const id of messageIds) await deliveredAgo(server.service.store, id);

      // The target opens and clicks both, the bystander opens the first.
      for (const mail of copiesTo(TARGET.email)) {
        const urls = mailUrls(mail.parsed);
        assert.equal((await hit(urls.pixel)).status, 200);
        assert.equal((await hit(urls.clicks[0]!)).status, 302);
      }
      assert.equal(copiesTo(TARGET.email).length, 2);
      const bystanderUrls = mailUrls(copiesTo(BYSTANDER.email)[0]!.parsed);
      assert.equal((await hit(bystanderUrls.pixel)).status, 200);
      await settled();

      // A colleague's note quoting the address, and a draft addressed to it.
      const note = await admin.post(`/api/v1/messages/${first.id}/chat`, {
        text: `Chiamare ${TARGET_AGAIN.toLowerCase()} domani`,
      });
      assert.equal(note.status, 201, note.text);
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'jose.ünal@BÜCHER.example'.replace('jose', 'josé') }],
        subject: 'Bozza',
        text: 'Ciao',
        tracking: { enabled: true },
        send: false,
      });
      assert.equal(draft.status, 201, draft.text);
      draftId = draft.body.id;

      // Then the target asks not to be tracked any more, from the first copy's privacy page.
      const firstCopy = mailUrls(copiesTo(TARGET.email)[0]!.parsed);
      targetPrivacyUrl = firstCopy.privacy!;
      targetPixel = firstCopy.pixel;
      const optOut = await hit(targetPrivacyUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      assert.equal(optOut.status, 200);
      await settled();

      bystanderBefore = await recipientsOf(messageIds);
      statsBefore = (await admin.get('/api/v1/stats/daily?days=7')).body.totals;
    });
    after(async () => {
      await server?.close();
      await relay?.close();
      await receiver?.close();
    });

    /** Each message's recipient rows (what the message page shows), by message. */
    async function recipientsOf(ids: readonly string[]) {
      const found: Record<string, any[]> = {};
      for (const id of ids) found[id] = (await admin.get(`/api/v1/messages/${id}`)).body.recipients;
      return found;
    }

    /** Every response an admin or a member can read about the workspace's mail. */
    async function everyResponse(): Promise<[string, string][]> {
      const paths = [
        '/api/v1/messages',
        '/api/v1/messages?status=draft',
        `/api/v1/messages/${draftId}`,
        '/api/v1/notifications?limit=200',
        '/api/v1/stats/daily?days=30',
        '/api/v1/events.csv',
        `/api/v1/webhooks/${webhookId}/deliveries`,
        '/api/v1/workspace/members',
        ...messageIds.flatMap((id) => [
          `/api/v1/messages/${id}`,
          `/api/v1/messages/${id}/events`,
          `/api/v1/messages/${id}/chat`,
        ]),
      ];
      const bodies: [string, string][] = [];
      for (const client of [admin, member]) {
        for (const path of paths) bodies.push([path, (await client.get(path)).text]);
      }
      const page = await fetch(onServer(targetPrivacyUrl, server.url));
      bodies.push(['privacy page', await page.text()]);
      return bodies;
    }

    it('finds the address in the responses before (the search itself works)', async () => {
      const found = (await everyResponse()).filter(([, body]) => carriesTarget(body));
      assert.ok(found.length >= 5, found.map(([path]) => path).join(', '));
      assert.ok(
        receiver.requests.some((request) => carriesTarget(request.body)),
        'the failed webhook deliveries carried the address',
      );
    });

    it('refuses a member (403), an invalid address (400), an unknown one (404), each clearly', async () => {
      const members = await member.request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent(TARGET.email)}`,
      );
      assert.equal(members.status, 403);
      assert.equal(members.body.error.code, 'forbidden');
      for (const invalid of [
        'not-an-address',
        'josé@',
        '@bücher.example',
        'a b@example.org',
        'x@-bad-.example',
        'x@a..b',
      ]) {
        const reply = await admin.request(
          'DELETE',
          `/api/v1/recipients/${encodeURIComponent(invalid)}`,
        );
        assert.equal(reply.status, 400, `${invalid}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', invalid);
        assert.match(reply.body.error.message, /not an email address/);
      }
      const tooLong = await admin.request(
        'DELETE',
        `/api/v1/recipients/${'a'.repeat(250)}%40example.org`,
      );
      assert.equal(tooLong.status, 400);
      for (const unknown of [
        'nobody@example.org',
        'josé.ünal@other.example',
        'jose.unal@bücher.example',
      ]) {
        const reply = await admin.request(
          'DELETE',
          `/api/v1/recipients/${encodeURIComponent(unknown)}`,
        );
        assert.equal(reply.status, 404, `${unknown}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'not_found');
      }
      const anonymous = await new HttpClient(server.url).request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent(TARGET.email)}`,
      );
      assert.equal(anonymous.status, 401);
    });

    it("answers 404 to another workspace's admin: an erasure stays within the caller's workspace", async () => {
      const password = 'another-long-password';
      const other = await createUserInWorkspace(
        server.service.store.db,
        { email: `other-${engine}@example.net`, password, name: 'Olga' },
        `Other ${engine}`,
        'admin',
      );
      const client = new HttpClient(server.url);
      const login = await client.post('/api/v1/auth/login', { email: other.user.email, password });
      assert.equal(login.status, 200, login.text);
      const reply = await client.request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent(TARGET.email)}`,
      );
      assert.equal(reply.status, 404);
      // Nothing changed in the first workspace.
      assert.ok((await everyResponse()).some(([, body]) => carriesTarget(body)));
    });

    it('erases every trace of the address, in any spelling, and keeps the anonymous counts', async () => {
      const reply = await admin.request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent('josé.ünal@BÜCHER.EXAMPLE')}`,
      );
      assert.equal(reply.status, 200, reply.text);
      const { erased } = reply.body;
      assert.equal(erased.copies, 2);
      assert.ok(erased.events >= 5, JSON.stringify(erased)); // 2 opens, 2 clicks, the opt-out
      assert.ok(erased.chatLines >= 3, JSON.stringify(erased)); // tracking lines and the note
      assert.ok(erased.notifications >= 2, JSON.stringify(erased));
      assert.ok(erased.webhookDeliveries >= 2, JSON.stringify(erased));
      assert.equal(erased.addressLists, 3, JSON.stringify(erased)); // both messages, the draft
      assert.equal(typeof erased.hits, 'number');

      for (const [path, body] of await everyResponse()) {
        assert.equal(carriesTarget(body), undefined, `${path} still carries the address: ${body}`);
      }

      // The rows stay, anonymised, with their counts; the bystander's are untouched.
      const now = await recipientsOf(messageIds);
      for (const id of messageIds) {
        assert.equal(now[id]!.length, bystanderBefore[id].length);
        for (const [i, row] of now[id]!.entries()) {
          const was = bystanderBefore[id][i];
          const counts = (r: any) => [r.opens, r.clicks, r.downloads, r.machine, r.delivery];
          assert.deepEqual(counts(row), counts(was));
          if (addressKey(was.email) === addressKey(TARGET.email)) {
            assert.equal(row.email, 'erased');
            assert.ok(!row.name, 'no name left');
          } else assert.deepEqual(row, was);
        }
      }
      const statsNow = (await admin.get('/api/v1/stats/daily?days=7')).body.totals;
      assert.deepEqual(statsNow, statsBefore, 'the statistics count the erased person anonymously');
    });

    it('keeps the opt-out: the address stays on the do-not-track list and is never tracked again', async () => {
      const list = await admin.get('/api/v1/do-not-track');
      assert.deepEqual(
        list.body.entries.map((e: any) => [addressKey(e.entry), e.source]),
        [[addressKey(TARGET.email), 'opt_out']],
      );
      // Mail to that person goes out untracked.
      const next = await sendTrackedMessage(admin, { to: [{ email: TARGET_AGAIN }] }, { relay });
      assert.equal(next.recipients[0].tracked, false);
      assert.equal(next.recipients[0].notTrackedReason, 'do_not_track');
    });

    it('records nothing more from the erased copies: an old mail opened again is answered, not counted', async () => {
      const before = await recipientsOf(messageIds);
      const pixel = await hit(targetPixel);
      assert.equal(pixel.status, 200);
      await settled();
      assert.deepEqual(await recipientsOf(messageIds), before);
      for (const id of messageIds) {
        const events = (await admin.get(`/api/v1/messages/${id}/events`)).body.events as any[];
        assert.deepEqual(
          events.filter((e) => e.recipient.email === 'erased'),
          [],
        );
      }
    });

    it('offers nothing on an erased copy’s privacy page: no page naming them, no button recording them', async () => {
      const optOutsBefore = (await admin.get('/api/v1/opt-outs')).body.optOuts.length;
      const page = await fetch(onServer(targetPrivacyUrl, server.url));
      assert.equal(page.status, 404);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      for (const suffix of ['', '/resume', '/consent', '/consent/withdraw']) {
        const pressed = await fetch(onServer(`${targetPrivacyUrl}${suffix}`, server.url), {
          method: 'POST',
          headers: form,
          body: 'confirm=yes',
        });
        assert.equal(pressed.status, 404, suffix);
        assert.doesNotMatch(await pressed.text(), /ünal/i, suffix);
      }
      assert.deepEqual((await admin.get('/api/v1/consents')).body.consents, []);
      assert.equal((await admin.get('/api/v1/opt-outs')).body.optOuts.length, optOutsBefore);
    });

    it('sends no webhook retry carrying the address, once all is erased, nothing is known (404)', async () => {
      const seen = receiver.requests.length;
      receiver.respondWith(200);
      server.clock.advance(2 * 3_600_000);
      await server.service.idle();
      for (const request of receiver.requests.slice(seen)) {
        assert.equal(carriesTarget(request.body), undefined, request.body);
      }
      // The untracked mail sent since is the only thing left to erase; then nothing is.
      const again = await admin.request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent(TARGET_AGAIN)}`,
      );
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.erased.copies, 1);
      assert.equal(again.body.erased.events, 0);
      const last = await admin.request(
        'DELETE',
        `/api/v1/recipients/${encodeURIComponent(TARGET.email)}`,
      );
      assert.equal(last.status, 404);
      for (const [path, body] of await everyResponse()) {
        assert.equal(carriesTarget(body), undefined, `${path} still carries the address: ${body}`);
      }
      const metrics = await fetch(new URL('/metrics', server.url)).then((r) => r.text());
      assert.match(metrics, /^mailbeacon_recipient_erasures_total 2$/m);
    });
  });
}
