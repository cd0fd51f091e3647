import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const TRACKING = 'https://t.example.net';
const CLICK = /https:\/\/t\.example\.net\/t\/c\/[\w-]+/g;

// Html only, as the compose screen or an API client sends it: no text part given.
const HTML = [
  '<html><head><style>p { color: #333 }</style></head><body>',
  '<h2>Offerta Q4</h2>',
  '<p>Gentile Mario,<br>ecco <a href="https://shop.example.com/offerta">l’offerta</a> e di nuovo ',
  '<a href="https://shop.example.com/offerta">l’offerta</a>.</p>',
  '<ul><li>Listino: <a href="https://shop.example.com/listino">https://shop.example.com/listino</a></li>',
  '<li>Scrivici: <a href="mailto:vendite@example.com">vendite@example.com</a></li></ul>',
  '<table><tr><td><a href="https://shop.example.com/"><img src="https://cdn.example.com/logo.png" alt="Shop"></a></td></tr></table>',
  '<!--[if mso]><v:roundrect href="https://shop.example.com/outlook">Outlook</v:roundrect><![endif]-->',
  '</body></html>',
].join('\n');

const ORIGINALS = [
  'https://shop.example.com/offerta',
  'https://shop.example.com/listino',
  'https://shop.example.com/',
  'https://shop.example.com/outlook',
];

for (const engine of testEngines()) {
  describe(`a text part for an html-only message (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRACKING_URL: TRACKING },
        { outbox: { pollMs: 50 } },
      );
      admin = (await signupAdmin(server.url)).client;
      const dnt = await admin.post('/api/v1/do-not-track', { entry: '@bank.example' });
      assert.equal(dnt.status, 201, dnt.text);
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('sends each copy a text part first, with exactly its html’s tracked links', async () => {
      const file = await uploadAttachment(admin, 'Offerta.pdf', '%PDF-1.7 offerta');
      const sent = await sendTrackedMessage(
        admin,
        {
          html: HTML,
          to: [{ email: 'mario@example.org' }, { email: 'tesoreria@bank.example' }],
          attachments: [file.body.id],
        },
        { relay },
      );
      const tracked = sent.mails.find((m) => m.envelope.to[0] === 'mario@example.org')!;
      const raw = tracked.raw.toString('latin1');
      // RFC 2046 §5.1.4: alternatives in increasing faithfulness, the html last.
      assert.match(raw, /^Content-Type: multipart\/alternative/im);
      assert.ok(raw.indexOf('Content-Type: text/plain') < raw.indexOf('Content-Type: text/html'));

      const text = tracked.parsed.text ?? '';
      const urls = mailUrls(tracked.parsed);
      const textClicks = [...new Set(text.match(CLICK) ?? [])].sort();
      assert.deepEqual(textClicks, [...urls.clicks].sort());
      assert.equal(textClicks.length, ORIGINALS.length);
      assert.ok(urls.honeypot && !text.includes(urls.honeypot), 'no honeypot in the text');
      assert.ok(!text.includes(urls.pixel), 'no pixel in the text');
      assert.ok(urls.download && text.includes(urls.download), 'the download link');
      assert.ok(urls.privacy && text.includes(urls.privacy), 'the privacy link');
      assert.doesNotMatch(text, /shop\.example\.com|cdn\.example\.com|color: #333/);
      assert.match(text, /^Offerta Q4\n\nGentile Mario,\necco l’offerta \(https:\/\/t\.example/);
      assert.match(text, /vendite@example\.com/);
      assert.match(text, /Offerta\.pdf/);

      // Each URL of the text part leads where the html's link does.
      const targets = new Set<string>();
      for (const url of textClicks) {
        const response = await fetch(onServer(url, server.url), { redirect: 'manual' });
        assert.equal(response.status, 302, url);
        targets.add(response.headers.get('location')!);
      }
      assert.deepEqual([...targets].sort(), [...ORIGINALS].sort());

      // The do-not-track recipient's copy is untracked, and gets its text part all the same.
      const untracked = sent.mails.find((m) => m.envelope.to[0] === 'tesoreria@bank.example')!;
      assert.match(
        untracked.parsed.text ?? '',
        /l’offerta \(https:\/\/shop\.example\.com\/offerta\)/,
      );
      assert.doesNotMatch(untracked.parsed.text ?? '', /t\.example\.net\/t\/c\//);
    });

    it('takes an empty or blank text as none: the text part is made from the html (tester, issue 17)', async () => {
      // `"text": ""` was a text present: the copies' text part held the privacy notice alone.
      for (const [text, enabled] of [
        ['', true],
        [' \r\n\t', true],
        ['', false],
      ] as const) {
        const sent = await sendTrackedMessage(
          admin,
          {
            html: '<p>Hello body words</p>',
            text,
            to: [{ email: 'blank@example.org' }],
            tracking: { enabled },
          },
          { relay },
        );
        const [mail] = sent.mails;
        assert.match(mail!.parsed.text ?? '', /^Hello body words/, JSON.stringify([text, enabled]));
        assert.equal(mail!.parsed.html && /Hello body words/.test(mail!.parsed.html), true);
      }
    });

    it('gives every copy of an untracked message a text part with the links as written', async () => {
      const sent = await sendTrackedMessage(
        admin,
        { html: HTML, to: [{ email: 'lucia@example.org' }], tracking: { enabled: false } },
        { relay },
      );
      for (const mail of sent.mails) {
        const text = mail.parsed.text ?? '';
        assert.match(text, /l’offerta \(https:\/\/shop\.example\.com\/offerta\)/);
        assert.match(text, /https:\/\/shop\.example\.com\/outlook/);
        assert.doesNotMatch(text, /t\.example\.net/);
        const raw = mail.raw.toString('latin1');
        assert.ok(raw.indexOf('Content-Type: text/plain') < raw.indexOf('Content-Type: text/html'));
      }
    });
  });
}
