import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { storedBlobs } from '../../helpers/stored-blobs.js';
import { newApiKey, refusalOf, submissionTransport } from '../../helpers/submission.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// What a black-box tester found in SMTP submission (issue 17; docs/decisions.md, "SMTP
// submission", "Found by a tester"): each test sends with nodemailer as a mail client would and
// reads what the relay received.

/** MAX_ATTACHMENT_MB of these tests: small, so that size refusals need little data. */
const MAX_MB = 0.5;

for (const engine of testEngines()) {
  describe(`SMTP submission, what a tester found (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: { client: HttpClient; input: { email: string; name: string } };
    let adminKey: string;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        {
          SMTP_URL: relay.url,
          TRACKING_URL: 'https://t.example.net',
          MAX_ATTACHMENT_MB: String(MAX_MB),
        },
        { submission: { port: 0 }, outbox: { pollMs: 100 } },
      );
      admin = await signupAdmin(server.url, { name: 'Anna Bianchi' });
      adminKey = await newApiKey(admin.client);
    });
    beforeEach(async () => {
      await server.service.idle();
      relay.reset();
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    /** Sends one mail as the admin, from their own address; the transport is closed after. */
    async function send(mail: Record<string, unknown>) {
      const transport = submissionTransport(server, { user: admin.input.email, pass: adminKey });
      try {
        return await transport.sendMail({ from: admin.input.email, ...mail });
      } finally {
        transport.close();
      }
    }

    /** Sends raw RFC 5322 bytes as the admin, to the envelope recipients `to`. */
    function sendRaw(raw: string, to: string[]) {
      return send({ envelope: { from: admin.input.email, to }, raw });
    }

    /** The copies the relay received once the service is idle. */
    async function copies() {
      await server.service.idle();
      return relay.messages;
    }

    it('makes the text part of an html-only mail from its html, tracked or not (point 1)', async () => {
      for (const tracking of ['on', 'off']) {
        await send({
          to: 'mario@example.org',
          subject: `Html only ${tracking}`,
          html: '<p>Hello body words</p>',
          headers: { 'X-Mailbeacon-Tracking': tracking },
        });
        const [copy] = await copies();
        assert.match(String(copy!.parsed.text), /^Hello body words/, tracking);
        relay.reset();
      }
      // An empty text/plain beside the html, as some clients write it.
      await sendRaw(
        [
          `From: ${admin.input.email}`,
          'To: mario@example.org',
          'Subject: Empty text part',
          'X-Mailbeacon-Tracking: on',
          'MIME-Version: 1.0',
          'Content-Type: multipart/alternative; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          '',
          '',
          '--b',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>Hello body words</p>',
          '--b--',
          '',
        ].join('\r\n'),
        ['mario@example.org'],
      );
      const [copy] = await copies();
      assert.match(String(copy!.parsed.text), /^Hello body words/);
    });

    /** The attachment rows and the blob store, to compare before and after a refusal. */
    async function kept() {
      const rows = await server.service.store.db
        .selectFrom('attachments')
        .select('id')
        .orderBy('id')
        .execute();
      return { rows, blobs: await storedBlobs(server) };
    }

    it('keeps nothing of a mail refused after its files were saved (point 3)', async () => {
      const before = await kept();
      const firstFile = {
        filename: 'listino.pdf',
        content: Buffer.from(`%PDF-1.7 listino ${Date.now()}`),
      };
      const overLimit = await refusalOf(
        send({
          to: 'mario@example.org',
          subject: 'Second file too big',
          text: 'hi',
          attachments: [
            firstFile,
            { filename: 'big.bin', content: Buffer.alloc(MAX_MB * 1024 * 1024 + 1, 7) },
          ],
        }),
      );
      assert.match(overLimit.response, /^552 5\.3\.4 /);
      assert.deepEqual(await kept(), before);
      const links = Array.from(
        { length: 1001 },
        (_, i) => `<a href="https://shop.example.com/p/${i}">${i}</a>`,
      ).join(' ');
      const tooManyLinks = await refusalOf(
        send({
          to: 'mario@example.org',
          subject: 'Link farm',
          html: `<p>${links}</p>`,
          headers: { 'X-Mailbeacon-Tracking': 'on' },
          attachments: [firstFile],
        }),
      );
      assert.match(tooManyLinks.response, /^554 5\.6\.0 .*1,?000/);
      assert.deepEqual(await kept(), before);
      assert.equal((await copies()).length, 0);
    });

    it('holds a mail to the API’s rules for what a message holds: 554 5.6.0 naming what is wrong (point 4)', async () => {
      const many = Array.from({ length: 3000 }, (_, i) => `r${i}@example.org`).join(', ');
      const cases: [string, Record<string, unknown>, RegExp][] = [
        [
          'a subject of 200,000 characters',
          { subject: 'x'.repeat(200_000) },
          /subject must not have more than 998 characters/,
        ],
        ['3,000 To addresses', { to: many }, /to must not have more than 500 items/],
        [
          'a subject with a zero width space',
          { subject: 'Hello\u200Bthere' },
          /subject must be one line of text/,
        ],
        [
          'a subject with a bidi override',
          { subject: 'Invoice \u202Efdp.exe' },
          /subject must be one line of text/,
        ],
        ['a subject with NUL', { subject: 'Hello\u0000there' }, /NUL|subject must be one line/],
        [
          'a display name of 300 characters',
          { to: `"${'N'.repeat(300)}" <n@example.org>` },
          /to\/0\/name must not have more than 200 characters/,
        ],
        ['a body with NUL', { text: 'Hello\u0000there' }, /NUL character/],
      ];
      for (const [what, fields, reply] of cases) {
        const refused = await refusalOf(
          send({ to: 'mario@example.org', subject: `Rules ${what}`, text: 'hi', ...fields }),
        );
        assert.match(refused.response, /^554 5\.6\.0 /, what);
        assert.match(refused.response, reply, what);
      }
      // An RFC 2047 encoded subject that decodes to CR LF (what nodemailer would never write).
      const crlf = await refusalOf(
        sendRaw(
          [
            `From: ${admin.input.email}`,
            'To: mario@example.org',
            `Subject: =?utf-8?B?${Buffer.from('Hello\r\nBcc: all@example.org').toString('base64')}?=`,
            '',
            'hi',
            '',
          ].join('\r\n'),
          ['mario@example.org'],
        ),
      );
      assert.match(crlf.response, /^554 5\.6\.0 subject must be one line of text/);
      const subjects = (
        (await admin.client.get('/api/v1/messages?limit=200')).body.messages as {
          subject: string;
        }[]
      ).map((m) => m.subject);
      assert.equal(
        subjects.filter((subject) => /Rules|Hello/.test(subject)).length,
        0,
        'none kept',
      );
      assert.equal((await copies()).length, 0);
    });

    it('refuses an address it cannot read in To or Cc, naming it, rather than drop it (point 5)', async () => {
      for (const header of ['To', 'Cc']) {
        const refused = await refusalOf(
          sendRaw(
            [
              `From: ${admin.input.email}`,
              `${header}: not-an-address`,
              'Subject: Dropped?',
              '',
              'hi',
              '',
            ].join('\r\n'),
            ['rcpt@example.net'],
          ),
        );
        assert.match(
          refused.response,
          /^554 5\.6\.0 .*"not-an-address" is not a valid email address/,
          header,
        );
      }
      assert.equal((await copies()).length, 0);
    });

    it('shows an image whose cid: link is percent-encoded (RFC 2392), as Outlook writes it (point 6)', async () => {
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      );
      for (const tracking of ['on', 'off']) {
        await send({
          to: 'mario@example.org',
          subject: `Outlook image ${tracking}`,
          html: '<p>Logo: <img src="cid:image001.png%4001D9ABCD.12345670"></p>',
          headers: { 'X-Mailbeacon-Tracking': tracking },
          attachments: [
            {
              filename: 'image001.png',
              content: png,
              contentType: 'image/png',
              cid: 'image001.png@01D9ABCD.12345670',
            },
          ],
        });
        const [copy] = await copies();
        const kept = await simpleParser(copy!.raw, { keepCidLinks: true });
        const image = kept.attachments.find((a) => a.contentType === 'image/png');
        assert.ok(image?.cid, `${tracking}: the image travels inline`);
        assert.equal(image.contentDisposition, 'inline', tracking);
        assert.ok(String(kept.html).includes(`cid:${image.cid}`), `${tracking}: the html shows it`);
        relay.reset();
      }
    });

    it('refuses an empty X-Mailbeacon-Tracking header with 554 5.6.0 (point 7)', async () => {
      const refused = await refusalOf(
        sendRaw(
          [
            `From: ${admin.input.email}`,
            'To: mario@example.org',
            'Subject: Empty tracking header',
            'X-Mailbeacon-Tracking:',
            '',
            'hi',
            '',
          ].join('\r\n'),
          ['mario@example.org'],
        ),
      );
      assert.match(refused.response, /^554 5\.6\.0 X-Mailbeacon-Tracking must be "on" or "off"/);
      assert.equal((await copies()).length, 0);
    });

    it('keeps a forwarded message/rfc822 file an attachment, not inline (point 8)', async () => {
      const forwarded = [
        'From: someone@example.org',
        'To: anna@example.org',
        'Subject: The original',
        '',
        'The original body.',
        '',
      ].join('\r\n');
      await send({
        to: 'mario@example.org',
        subject: 'Forwarding',
        text: 'See the attached mail.',
        headers: { 'X-Mailbeacon-Tracking': 'off' },
        attachments: [
          {
            filename: 'fwd.eml',
            content: Buffer.from(forwarded),
            contentType: 'message/rfc822',
            contentDisposition: 'attachment',
          },
        ],
      });
      const [copy] = await copies();
      const raw = copy!.raw.toString('latin1');
      assert.match(
        raw,
        /Content-Type: message\/rfc822[\s\S]*?Content-Disposition: attachment;\s+filename=fwd\.eml/i,
      );
      assert.doesNotMatch(raw, /Content-Disposition: inline/i);
    });
  });
}
