import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listRecipients } from '../../../src/store/index.js';
import { verifyToken } from '../../../src/tracking/index.js';
import { sendTrackedMessage, signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { reply, startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

const HTML = `<!DOCTYPE html>
<html><head><style>p { color: #333 }</style></head>
<body>
<p>Ciao, ecco l'offerta: <a href="https://shop.example.com/offer?id=42&amp;ref=mail#top">vedi</a>.</p>
<p><a href="mailto:info@example.com">Scrivici</a> · <a href="#sec">Dettagli</a> · <a href="{{unsubscribe}}">Esci</a></p>
</body>
</html>
`;
const TEXT = 'Ciao, ecco l’offerta: https://shop.example.com/offer?id=42&ref=mail#top\n';

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

for (const engine of testEngines()) {
  describe(`compose and send (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let attachmentId: string;
    const pdf = Buffer.from('%PDF-1.4 listino prezzi\n'.repeat(50));

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRACKING_URL: 'https://t.example.net' },
        { outbox: { retryDelaysMs: [100, 100], pollMs: 100 } },
      );
      admin = (await signupAdmin(server.url, { name: 'Anna Bianchi' })).client;
      const uploaded = await uploadAttachment(admin, 'listino 2026.pdf', pdf);
      assert.equal(uploaded.status, 201);
      attachmentId = uploaded.body.id;
    });
    beforeEach(() => relay.reset());
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('stores an upload and answers {id, filename, size, contentType}', async () => {
      const uploaded = await uploadAttachment(
        admin,
        '../../etc/pass\u0000wd.txt',
        'hello',
        'text/plain',
      );
      assert.equal(uploaded.status, 201);
      assert.equal(uploaded.body.filename, 'passwd.txt');
      assert.equal(uploaded.body.size, 5);
      assert.equal(uploaded.body.contentType, 'text/plain');
      assert.match(uploaded.body.id, /^[0-9a-z]{26}$/);
    });

    it('gives each to/cc/bcc recipient their own instrumented copy', async () => {
      const created = await admin.post('/api/v1/messages', {
        to: [{ email: 'mario.rossi@example.org', name: 'Rossi, Mario' }],
        cc: [{ email: 'zoe@example.org', name: 'Zoë Müller' }],
        bcc: [{ email: 'boss@example.org' }],
        subject: 'Offerta Q4 — prezzi',
        html: HTML,
        text: TEXT,
        attachments: [attachmentId],
        tracking: { enabled: true, attachmentLinkTtlDays: 7 },
        send: true,
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.status, 'queued');
      assert.equal(created.body.tracking.enabled, true);
      const messages = await relay.waitFor(3);
      assert.equal(messages.length, 3);

      const envelopes = messages.map((m) => m.envelope.to).sort();
      assert.deepEqual(envelopes, [
        ['boss@example.org'],
        ['mario.rossi@example.org'],
        ['zoe@example.org'],
      ]);
      const ids = new Set(messages.map((m) => m.parsed.messageId));
      assert.equal(ids.size, 3);
      const pixels = new Set<string>();
      for (const { parsed, raw } of messages) {
        assert.equal(parsed.subject, 'Offerta Q4 — prezzi');
        assert.equal(parsed.from?.value[0]?.name, 'Anna Bianchi');
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
        assert.deepEqual(
          to?.value.map((a) => [a.address, a.name]),
          [['mario.rossi@example.org', 'Rossi, Mario']],
        );
        const cc = Array.isArray(parsed.cc) ? parsed.cc[0] : parsed.cc;
        assert.deepEqual(
          cc?.value.map((a) => [a.address, a.name]),
          [['zoe@example.org', 'Zoë Müller']],
        );
        assert.equal(parsed.bcc, undefined);
        assert.doesNotMatch(raw.toString('latin1'), /^bcc:/im);
        assert.equal(parsed.attachments.length, 0, 'attachments become a download link');

        const html = parsed.html as string;
        const pixel = /<img src="(https:\/\/t\.example\.net\/t\/o\/[\w-]+)"[^>]*alt=""/.exec(html);
        assert.ok(pixel, 'the open pixel is in the html');
        pixels.add(pixel[1]!);
        const links = hrefs(html);
        const click = links.filter((h) => h.startsWith('https://t.example.net/t/c/'));
        assert.ok(click.length >= 2, 'the offer link and the hidden honeypot are tracking URLs');
        assert.ok(links.includes('mailto:info@example.com'));
        assert.ok(links.includes('#sec'));
        assert.ok(links.includes('{{unsubscribe}}'));
        assert.ok(
          !links.some((h) => h.includes('shop.example.com')),
          'no link goes straight to the site',
        );
        assert.ok(
          links.some((h) => h.startsWith('https://t.example.net/t/d/')),
          'the download button',
        );
        assert.ok(
          links.some((h) => h.startsWith('https://t.example.net/t/p/')),
          'the privacy link',
        );
        assert.match(html, /listino 2026\.pdf/);
        assert.match(html, /<style>p \{ color: #333 \}<\/style>/);

        const text = parsed.text ?? '';
        assert.doesNotMatch(text, /shop\.example\.com/);
        assert.match(text, /https:\/\/t\.example\.net\/t\/c\/[\w-]+/);
        assert.match(text, /https:\/\/t\.example\.net\/t\/d\/[\w-]+/);
      }
      assert.equal(pixels.size, 3, 'each copy has its own open token');

      // Each copy's tokens are genuine and name that copy's recipient.
      const stored = await listRecipients(server.service.store.db, created.body.id);
      for (const { parsed, envelope } of messages) {
        const recipient = stored.find((r) => r.email === envelope.to[0]);
        const token = /\/t\/o\/([\w-]+)/.exec(parsed.html as string)![1]!;
        assert.equal(
          verifyToken(server.service.app.keyring, 'open', token)?.trackingId,
          recipient?.trackingId,
        );
      }

      const sent = await waitUntil(async () => {
        const r = await admin.get(`/api/v1/messages/${created.body.id}`);
        return r.body.status === 'sent' ? r.body : undefined;
      }, 'the message to be sent');
      assert.deepEqual(
        sent.recipients.map((r: any) => [r.email, r.kind, r.delivery, r.tracked]),
        [
          ['mario.rossi@example.org', 'to', 'sent', true],
          ['zoe@example.org', 'cc', 'sent', true],
          ['boss@example.org', 'bcc', 'sent', true],
        ],
      );
      assert.equal(sent.attachments[0].filename, 'listino 2026.pdf');
      const ttl = Date.parse(sent.attachments[0].expiresAt) - Date.parse(sent.sentAt);
      assert.equal(ttl, 7 * 24 * 3600 * 1000);
    });

    it('sends an untracked message untouched, once for everybody, with its attachment', async () => {
      const created = await admin.post('/api/v1/messages', {
        to: [{ email: 'a@example.org' }, { email: 'b@example.org' }],
        bcc: [{ email: 'c@example.org' }],
        subject: 'Plain',
        html: HTML,
        text: TEXT,
        attachments: [attachmentId],
        tracking: { enabled: false },
        send: true,
      });
      assert.equal(created.status, 201);
      const [message] = await relay.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(relay.messages.length, 1, 'one copy for all recipients');
      assert.deepEqual([...message!.envelope.to].sort(), [
        'a@example.org',
        'b@example.org',
        'c@example.org',
      ]);
      assert.equal(message!.parsed.html, HTML);
      assert.equal(message!.parsed.text, TEXT);
      assert.equal(message!.parsed.attachments.length, 1);
      assert.equal(message!.parsed.attachments[0]!.filename, 'listino 2026.pdf');
      assert.deepEqual(message!.parsed.attachments[0]!.content, pdf);
      assert.doesNotMatch(message!.raw.toString('latin1'), /\/t\/[ocdp]\//);
      const view = await waitUntil(async () => {
        const r = await admin.get(`/api/v1/messages/${created.body.id}`);
        return r.body.status === 'sent' ? r.body : undefined;
      }, 'sent');
      assert.ok(
        view.recipients.every((r: any) => r.notTrackedReason === 'tracking_off' && !r.tracked),
      );
    });

    it('retries a 4xx and then delivers once', async () => {
      relay.setRules({ rcpt: { 'later@example.org': reply(451, '4.3.0 Try again later', 1) } });
      const sent = await sendTrackedMessage(admin, { to: [{ email: 'later@example.org' }] });
      const view = await waitUntil(async () => {
        const r = await admin.get(`/api/v1/messages/${sent.id}`);
        return r.body.status === 'sent' ? r.body : undefined;
      }, 'delivery after a deferral');
      assert.equal(view.recipients[0].delivery, 'sent');
      assert.equal(relay.messages.length, 1);
    });

    it('records a 5xx as rejected, with the server’s reply and a line in the chat', async () => {
      relay.setRules({ rcpt: { 'gone@example.org': reply(550, '5.1.1 No such user here') } });
      const sent = await sendTrackedMessage(admin, {
        to: [{ email: 'gone@example.org', name: 'Gone' }, { email: 'here@example.org' }],
      });
      const view = await waitUntil(async () => {
        const r = await admin.get(`/api/v1/messages/${sent.id}`);
        return r.body.status === 'partially_failed' ? r.body : undefined;
      }, 'partially_failed');
      const gone = view.recipients.find((r: any) => r.email === 'gone@example.org');
      assert.equal(gone.delivery, 'rejected');
      assert.match(gone.smtpResponse, /550 5\.1\.1 No such user here/);
      assert.equal(
        view.recipients.find((r: any) => r.email === 'here@example.org').delivery,
        'sent',
      );
      const chat = await admin.get(`/api/v1/messages/${sent.id}/chat`);
      assert.equal(chat.status, 200);
      const line = chat.body.lines.find((l: any) => l.kind === 'delivery');
      assert.equal(line.author, 'system');
      assert.match(line.text, /Gone <gone@example\.org> was rejected: .*550/);
    });

    it('sends a do-not-track recipient an untracked copy with the real attachment', async () => {
      const added = await admin.post('/api/v1/do-not-track', { entry: '@Bank.example' });
      assert.equal(added.status, 201);
      assert.equal(added.body.entry, '@bank.example');
      const sent = await sendTrackedMessage(
        admin,
        {
          to: [{ email: 'cfo@bank.example' }, { email: 'friend@example.org' }],
          html: HTML,
          attachments: [attachmentId],
        },
        { relay },
      );
      const bank = sent.mails.find((m) => m.envelope.to[0] === 'cfo@bank.example')!;
      const friend = sent.mails.find((m) => m.envelope.to[0] === 'friend@example.org')!;
      assert.equal(bank.parsed.html, HTML);
      assert.equal(bank.parsed.attachments.length, 1);
      assert.doesNotMatch(bank.raw.toString('latin1'), /t\.example\.net/);
      assert.equal(friend.parsed.attachments.length, 0);
      assert.match(friend.parsed.html as string, /t\.example\.net\/t\/o\//);
      const view = (await admin.get(`/api/v1/messages/${sent.id}`)).body;
      const bankView = view.recipients.find((r: any) => r.email === 'cfo@bank.example');
      assert.equal(bankView.tracked, false);
      assert.equal(bankView.notTrackedReason, 'do_not_track');
      assert.equal(
        view.recipients.find((r: any) => r.email === 'friend@example.org').tracked,
        true,
      );
      const removed = await admin.delete('/api/v1/do-not-track/@bank.example');
      assert.equal(removed.status, 204);
    });

    it('keeps a draft editable, then locks it: any change after sending is 409 message_sent', async () => {
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'x@example.org' }],
        subject: 'Draft',
        text: 'v1',
        tracking: { enabled: false },
      });
      assert.equal(draft.status, 201);
      assert.equal(draft.body.status, 'draft');
      const edited = await admin.patch(`/api/v1/messages/${draft.body.id}`, {
        text: 'v2',
        tracking: { enabled: true, attachmentLinkTtlDays: 3 },
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.text, 'v2');
      assert.deepEqual(edited.body.tracking, {
        enabled: true,
        attachmentLinkTtlDays: 3,
        // The tracking policy is the workspace's when the message is sent: none on a draft.
        policy: null,
        aggregate: null,
      });
      const sent = await admin.post(`/api/v1/messages/${draft.body.id}/send`);
      assert.equal(sent.status, 202);
      assert.equal(sent.body.status, 'queued');
      for (const change of [{ tracking: { enabled: false } }, { subject: 'changed' }]) {
        const refused = await admin.patch(`/api/v1/messages/${draft.body.id}`, change);
        assert.equal(refused.status, 409);
        assert.equal(refused.body.error.code, 'message_sent');
      }
      const again = await admin.post(`/api/v1/messages/${draft.body.id}/send`);
      assert.equal(again.status, 409);
      await relay.waitFor(1);
    });

    it('refuses incomplete or invalid messages with 400 and says why', async () => {
      const cases: [object, RegExp][] = [
        [{ to: [], subject: 'x', text: 'y' }, /at least one recipient/],
        [
          { to: [{ email: 'not-an-address' }], subject: 'x', text: 'y' },
          /to\[0\]: "not-an-address" is not a valid/,
        ],
        [
          {
            to: [{ email: 'a@example.org', name: 'A\r\nBcc: evil@example.org' }],
            subject: 'x',
            text: 'y',
          },
          /control characters/,
        ],
        [{ to: [{ email: 'a@example.org' }], subject: ' ', text: 'y' }, /subject/],
        [{ to: [{ email: 'a@example.org' }], subject: 'x' }, /html or a text body/],
        [
          { to: [{ email: 'a@example.org' }], subject: 'x', text: 'y', attachments: ['nope'] },
          /no attachment "nope"/,
        ],
        [
          {
            to: [{ email: 'a@example.org' }],
            subject: 'x',
            text: 'y',
            tracking: { attachmentLinkTtlDays: 0 },
          },
          /attachmentLinkTtlDays/,
        ],
      ];
      for (const [body, message] of cases) {
        const reply = await admin.post('/api/v1/messages', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error.code, 'validation_failed');
        assert.match(reply.body.error.message, message);
      }
      const unknown = await admin.get('/api/v1/messages/00000000000000000000000000');
      assert.equal(unknown.status, 404);
    });

    it('accepts display names with non-ASCII and commas, and IDN addresses', async () => {
      const created = await admin.post('/api/v1/messages', {
        to: [{ email: 'jürgen@bücher.example', name: 'Müller, Jürgen «JM»' }],
        subject: 'Grüße',
        text: 'hallo',
        send: true,
      });
      assert.equal(created.status, 201, created.text);
      const [message] = await relay.waitFor(1);
      const to = Array.isArray(message!.parsed.to) ? message!.parsed.to[0] : message!.parsed.to;
      assert.equal(to?.value[0]?.name, 'Müller, Jürgen «JM»');
      assert.equal(message!.parsed.subject, 'Grüße');
    });

    it('lists messages newest first with their recipients, page by page', async () => {
      const first = await admin.get('/api/v1/messages?limit=2');
      assert.equal(first.status, 200);
      assert.equal(first.body.messages.length, 2);
      assert.ok(first.body.cursor);
      const second = await admin.get(`/api/v1/messages?limit=2&cursor=${first.body.cursor}`);
      assert.ok(second.body.messages[0].id < first.body.messages[1].id);
      const drafts = await admin.get('/api/v1/messages?status=draft');
      assert.ok(drafts.body.messages.every((m: any) => m.status === 'draft'));
    });
  });
}
