import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { wording } from '../../../src/i18n/index.js';
import { GMAIL_CLIP_BYTES, htmlBytesAsSent } from '../../../src/mail/index.js';
import { sendTrackedMessage, signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { byteOffsetOf, type NewsletterOptions, newsletter } from '../../helpers/newsletter.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const PIXEL_END = '<!--/mb:pixel-->';
const NOTICE_END = '<!--/mb:privacy-->';

/** The byte just past a block in the html that arrived, as sent. */
function endOf(html: string, marker: string): number {
  const at = byteOffsetOf(html, marker);
  assert.notEqual(at, -1, `no ${marker} in the mail`);
  return at + Buffer.byteLength(marker);
}

const LONG: Record<string, NewsletterOptions> = {
  'the issue’s newsletter (99 KB, 240 links)': { bytes: 99_000, links: 240 },
  'multibyte text, a <body> with attributes': {
    bytes: 99_000,
    links: 240,
    multibyte: true,
    body: 'attributes',
  },
  'no <body> tag': { bytes: 98_500, links: 238, body: 'none' },
  'comments and conditional comments before <body>': {
    bytes: 99_500,
    links: 242,
    beforeBody:
      '<!-- <body class="old"> -->\n<!--[if mso]><body class="mso"><![endif]-->\n<!--[if !mso]><!-- --><!--<![endif]-->\n',
  },
};

for (const engine of testEngines()) {
  describe(`tracked copies inside Gmail's clip (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRACKING_URL: 'https://track.mailbeacon.example' },
        { outbox: { pollMs: 100 } },
      );
      admin = (await signupAdmin(server.url)).client;
    });
    beforeEach(() => relay.reset());
    after(async () => {
      await server.close();
      await relay.close();
    });

    for (const [name, options] of Object.entries(LONG)) {
      it(`puts the pixel and the notice inside the first 100 KiB: ${name}`, async () => {
        const html = newsletter(options);
        const sent = await sendTrackedMessage(
          admin,
          {
            to: [{ email: 'mario@example.org' }, { email: 'anna@example.org' }],
            subject: name,
            html,
          },
          { relay },
        );
        const [warning, ...more] = sent.message.warnings;
        assert.equal(more.length, 0);
        assert.equal(warning.code, 'gmail_clip');
        assert.equal(warning.limit, GMAIL_CLIP_BYTES);
        assert.match(warning.message, /Gmail will clip this mail/);
        for (const mail of sent.mails) {
          const arrived = mail.parsed.html as string;
          // Grown past the clip by the rewritten links, as the issue's 99 KB newsletter was.
          assert.ok(htmlBytesAsSent(arrived) > GMAIL_CLIP_BYTES + 5_000);
          assert.ok(Math.abs(htmlBytesAsSent(arrived) - warning.bytes) <= 2, 'the size warned of');
          assert.ok(
            endOf(arrived, PIXEL_END) < 2_000,
            `pixel ends at ${endOf(arrived, PIXEL_END)}`,
          );
          assert.ok(endOf(arrived, NOTICE_END) < 3_000);
          assert.ok(endOf(arrived, NOTICE_END) < GMAIL_CLIP_BYTES);
          assert.match(
            arrived,
            /<!--mb:privacy--><div [^>]*>[^<]+<a href="https:\/\/track\.mailbeacon\.example\/t\/p\//,
          );
          assert.equal(arrived.split('<img src="https://track.mailbeacon.example/t/o/').length, 2);
          // The pixel's own copy: each recipient's pixel is theirs.
          assert.ok(sent.urls(mail.envelope.to[0]).pixel.includes('/t/o/'));
        }
        const pixels = new Set(sent.mails.map((mail) => sent.urls(mail.envelope.to[0]).pixel));
        assert.equal(pixels.size, 2);
        // Stored, the message keeps warning, after sending too.
        const stored = await admin.get(`/api/v1/messages/${sent.id}`);
        assert.deepEqual(stored.body.warnings, sent.message.warnings);
      });
    }

    it('keeps the foot layout and warns of nothing for a short mail', async () => {
      const html = newsletter({ bytes: 40_000, links: 100, multibyte: true });
      const sent = await sendTrackedMessage(admin, { html }, { relay });
      assert.deepEqual(sent.message.warnings, []);
      const arrived = sent.mails[0]!.parsed.html as string;
      assert.ok(arrived.indexOf('<!--mb:pixel-->') > arrived.indexOf('<!--mb:privacy-->'));
      assert.match(arrived, /<!--\/mb:pixel--><\/body>/);
      assert.match(arrived, /<!--mb:privacy-->\n<table /);
    });

    it('answers the compose screen’s check with the warnings a message would get', async () => {
      const html = newsletter({ bytes: 99_000, links: 240 });
      const tracked = await admin.post('/api/v1/messages/check', {
        html,
        tracking: { enabled: true },
      });
      assert.equal(tracked.status, 200, tracked.text);
      const [warning] = tracked.body.warnings;
      assert.equal(warning.code, 'gmail_clip');
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'mario@example.org' }],
        subject: 'Draft',
        html,
        tracking: { enabled: true },
      });
      assert.deepEqual(draft.body.warnings, tracked.body.warnings, 'one rule for both');

      // Untracked, the html goes as composed: still clipped at 103 KB, not at 99 KB.
      const plain = await admin.post('/api/v1/messages/check', { html });
      assert.deepEqual(plain.body, { warnings: [] });
      const big = newsletter({ bytes: 103_000, links: 10 });
      const untracked = await admin.post('/api/v1/messages/check', {
        html: big,
        tracking: { enabled: false },
      });
      assert.equal(untracked.body.warnings[0].bytes, htmlBytesAsSent(big));
      assert.doesNotMatch(untracked.body.warnings[0].message, /pixel/);

      // Attachments add the download block to each tracked copy.
      const file = await uploadAttachment(admin, 'listino.pdf', '%PDF-1.4');
      const long = newsletter({ bytes: 95_000, links: 240 });
      const without = await admin.post('/api/v1/messages/check', {
        html: long,
        tracking: { enabled: true },
      });
      const withFile = await admin.post('/api/v1/messages/check', {
        html: long,
        attachments: [file.body.id],
        tracking: { enabled: true },
      });
      assert.equal(withFile.status, 200, withFile.text);
      const size = (reply: typeof without) => reply.body.warnings[0]?.bytes ?? 0;
      assert.ok(size(withFile) > size(without), 'the download block counts');

      // The workspace's own notice text is part of every tracked copy: a longer one counts.
      const longer = await admin.request('PATCH', '/api/v1/workspace/settings', {
        body: { privacyNotice: { text: `Tracked. ${'Ω'.repeat(300)}` } },
      });
      assert.equal(longer.status, 200, longer.text);
      const again = await admin.post('/api/v1/messages/check', {
        html: long,
        tracking: { enabled: true },
      });
      const sentence = wording('en').mail.privacyNotice(false);
      const grown = Buffer.byteLength(`Tracked. ${'Ω'.repeat(300)}`) - Buffer.byteLength(sentence);
      assert.ok(size(without) > GMAIL_CLIP_BYTES);
      assert.equal(size(again), size(without) + grown);
      await admin.request('PATCH', '/api/v1/workspace/settings', {
        body: { privacyNotice: { text: null } },
      });

      // Under `off` and `aggregate` no copy is tracked per recipient: measured as composed.
      for (const trackingPolicy of ['off', 'aggregate', 'consent'] as const) {
        const set = await admin.request('PATCH', '/api/v1/workspace/settings', {
          body: { trackingPolicy },
        });
        assert.equal(set.status, 200, set.text);
        const checked = await admin.post('/api/v1/messages/check', {
          html,
          tracking: { enabled: true },
        });
        assert.deepEqual(
          checked.body.warnings.map((w: { code: string }) => w.code),
          trackingPolicy === 'consent' ? ['gmail_clip'] : [],
          trackingPolicy,
        );
      }
      await admin.request('PATCH', '/api/v1/workspace/settings', {
        body: { trackingPolicy: 'notice' },
      });

      for (const body of [{}, { html: null }, { html: '' }, { text: 'only text' }]) {
        const reply = await admin.post('/api/v1/messages/check', body);
        assert.deepEqual(reply.body, { warnings: [] }, JSON.stringify(body));
      }
    });

    it('refuses a check it cannot make, with a clear error', async () => {
      const unknown = await admin.post('/api/v1/messages/check', {
        html: '<p>x</p>',
        attachments: ['0123456789abcdef0123456789'],
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'validation_failed');
      assert.match(unknown.body.error.message, /attachments: no attachment/);
      for (const body of [
        { html: { text: 'x' } },
        { tracking: { enabled: 'yes' } },
        { attachments: 'abc' },
        { surprise: true },
      ]) {
        const reply = await admin.post('/api/v1/messages/check', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error.code, 'validation_failed');
      }
      const stranger = await new HttpClient(server.url).post('/api/v1/messages/check', {
        html: '<p>x</p>',
      });
      assert.equal(stranger.status, 401);
    });
  });
}
