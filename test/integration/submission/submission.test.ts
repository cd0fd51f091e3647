import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { GENERATED_KEY_FILE } from '../../../src/submission/index.js';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import {
  messageIdOf,
  newApiKey,
  refusalOf,
  submissionTransport,
} from '../../helpers/submission.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const HTML =
  '<p>Ciao Mario, <a href="https://shop.example.com/offer">ecco l’offerta</a>.</p>' +
  '<p><img src="cid:logo@acme.example" alt="Acme"></p>';
const TEXT = 'Ciao Mario, ecco l’offerta: https://shop.example.com/offer\n';
const PDF = Buffer.from('%PDF-1.4 listino prezzi\n'.repeat(40));
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** MAX_ATTACHMENT_MB of these tests: small, so that size refusals need little data. */
const MAX_MB = 0.5;

for (const engine of testEngines()) {
  describe(`SMTP submission with nodemailer (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: { client: HttpClient; input: { email: string; name: string } };
    let adminKey: string;
    let member: { client: HttpClient; input: { email: string; name: string } };
    let memberKey: string;
    let counter = 0;
    /** A Message-ID no other mail of the run has. */
    const newMessageId = () => `<t${++counter}.${Date.now()}@client.example>`;

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
      member = await signupMember(admin.client);
      memberKey = await newApiKey(member.client);
    });
    beforeEach(async () => {
      // What an earlier test queued goes out before this one counts.
      await server.service.idle();
      relay.reset();
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    const asAdmin = () => submissionTransport(server, { user: admin.input.email, pass: adminKey });

    async function messagesWithSubject(subject: string) {
      const list = await admin.client.get('/api/v1/messages?limit=200');
      assert.equal(list.status, 200, list.text);
      return (list.body.messages as { id: string; subject: string }[]).filter(
        (m) => m.subject === subject,
      );
    }

    it('takes a tracked mail over STARTTLS with the generated certificate: a copy for each To, Cc and envelope Bcc, the header gone, the image inline, the file a download', async () => {
      const transport = asAdmin();
      const info = await transport.sendMail({
        // The user's own address in another case is theirs.
        from: `"Anna Bianchi" <${admin.input.email.toUpperCase()}>`,
        to: '"Rossi, Mario" <mario.rossi@example.org>',
        cc: 'Zoë Müller <zoe@example.org>',
        bcc: 'boss@example.org',
        subject: 'Offerta Q4 (da Thunderbird)',
        html: HTML,
        text: TEXT,
        messageId: newMessageId(),
        headers: { 'X-Mailbeacon-Tracking': 'on' },
        attachments: [
          { filename: 'listino 2026.pdf', content: PDF, contentType: 'application/pdf' },
          {
            filename: 'logo.png',
            content: PNG,
            contentType: 'image/png',
            cid: 'logo@acme.example',
          },
        ],
      });
      transport.close();
      assert.match(info.response, /^250 2\.6\.0 Queued as message [0-9a-z]{26}$/);
      const id = messageIdOf(info.response);
      await server.service.idle();

      assert.equal(relay.messages.length, 3, 'one copy per recipient');
      assert.deepEqual(relay.messages.map((m) => m.envelope.to).sort(), [
        ['boss@example.org'],
        ['mario.rossi@example.org'],
        ['zoe@example.org'],
      ]);
      for (const copy of relay.messages) {
        // The relay's reading turns cid: links into data: URLs; this one keeps them.
        const kept = await simpleParser(copy.raw, { keepCidLinks: true });
        assert.equal(copy.parsed.headers.has('x-mailbeacon-tracking'), false, 'header removed');
        assert.equal(copy.parsed.subject, 'Offerta Q4 (da Thunderbird)');
        assert.deepEqual(copy.parsed.from?.value, [
          { address: admin.input.email, name: 'Anna Bianchi' },
        ]);
        const html = String(kept.html);
        assert.match(html, /https:\/\/t\.example\.net\/t\/c\//, 'links tracked');
        assert.doesNotMatch(html, /shop\.example\.com/);
        const logo = copy.parsed.attachments.find((a) => a.contentType === 'image/png');
        assert.ok(logo?.cid, 'the image travels inline');
        assert.ok(html.includes(`cid:${logo.cid}`), 'and the html shows it by its cid');
        assert.equal(
          copy.parsed.attachments.some((a) => a.filename === 'listino 2026.pdf'),
          false,
          'a tracked copy carries a download link, not the file',
        );
        assert.match(String(copy.parsed.text), /listino 2026\.pdf/);
      }

      const message = await admin.client.get(`/api/v1/messages/${id}`);
      assert.equal(message.status, 200, message.text);
      assert.equal(message.body.status, 'sent');
      assert.equal(message.body.tracking.enabled, true);
      assert.deepEqual(
        message.body.recipients.map((r: { email: string; kind: string; tracked: boolean }) => [
          r.email,
          r.kind,
          r.tracked,
        ]),
        [
          ['mario.rossi@example.org', 'to', true],
          ['zoe@example.org', 'cc', true],
          ['boss@example.org', 'bcc', true],
        ],
      );
      assert.deepEqual(message.body.to, [
        { email: 'mario.rossi@example.org', name: 'Rossi, Mario' },
      ]);
      assert.ok(
        message.body.attachments.some(
          (a: { filename: string }) => a.filename === 'listino 2026.pdf',
        ),
      );
      assert.equal((await messagesWithSubject('Offerta Q4 (da Thunderbird)')).length, 1, 'listed');
      assert.equal((await admin.client.get(`/api/v1/messages/${id}/chat`)).status, 200);
      assert.equal((await admin.client.get(`/api/v1/messages/${id}/events`)).status, 200);
      const key = statSync(join(server.database.dataDir, GENERATED_KEY_FILE));
      assert.equal(key.mode & 0o777, 0o600, 'the generated key is private');
    });

    it('sends X-Mailbeacon-Tracking: off untracked: one copy for all, the files attached, the header gone', async () => {
      const transport = asAdmin();
      const info = await transport.sendMail({
        from: admin.input.email,
        to: 'mario.rossi@example.org',
        bcc: 'boss@example.org',
        subject: 'Senza tracciamento',
        html: HTML,
        text: TEXT,
        headers: { 'X-Mailbeacon-Tracking': 'OFF' },
        attachments: [
          { filename: 'listino.pdf', content: PDF, contentType: 'application/pdf' },
          {
            filename: 'logo.png',
            content: PNG,
            contentType: 'image/png',
            cid: 'logo@acme.example',
          },
        ],
      });
      transport.close();
      const id = messageIdOf(info.response);
      await server.service.idle();
      assert.equal(relay.messages.length, 1);
      const [copy] = relay.messages;
      assert.deepEqual(copy!.envelope.to.sort(), ['boss@example.org', 'mario.rossi@example.org']);
      assert.equal(copy!.parsed.headers.has('x-mailbeacon-tracking'), false);
      assert.equal(copy!.parsed.headers.has('bcc'), false, 'Bcc stays out of the headers');
      assert.match(String(copy!.parsed.html), /href="https:\/\/shop\.example\.com\/offer"/);
      const pdf = copy!.parsed.attachments.find((a) => a.filename === 'listino.pdf');
      assert.ok(pdf?.content.equals(PDF), 'the file is attached, byte for byte');
      const logo = copy!.parsed.attachments.find((a) => a.contentType === 'image/png');
      const kept = await simpleParser(copy!.raw, { keepCidLinks: true });
      assert.ok(logo?.cid && String(kept.html).includes(`cid:${logo.cid}`));
      assert.ok(logo.content.equals(PNG));
      const message = await admin.client.get(`/api/v1/messages/${id}`);
      assert.equal(message.body.tracking.enabled, false);
    });

    it('without the header, tracking is the sender’s default, as for a message made through the API', async () => {
      const submit = async (subject: string) => {
        const transport = asAdmin();
        const info = await transport.sendMail({
          from: admin.input.email,
          to: 'mario.rossi@example.org',
          subject,
          text: TEXT,
        });
        transport.close();
        return (await admin.client.get(`/api/v1/messages/${messageIdOf(info.response)}`)).body;
      };
      // Off unless the workspace (or the user) says otherwise.
      const off = await submit('Default');
      assert.equal(off.tracking.enabled, false);
      assert.equal(off.recipients[0].notTrackedReason, 'tracking_off');
      const on = await admin.client.patch('/api/v1/workspace/settings', { trackingDefault: true });
      assert.equal(on.status, 200, on.text);
      try {
        assert.equal((await submit('Default on')).tracking.enabled, true);
      } finally {
        await admin.client.patch('/api/v1/workspace/settings', { trackingDefault: false });
      }
    });

    it('makes one message of a mail submitted twice with the same Message-ID (a client retry)', async () => {
      const messageId = newMessageId();
      const mail = {
        from: admin.input.email,
        to: 'mario.rossi@example.org',
        subject: 'Inviato due volte',
        text: TEXT,
        messageId,
        attachments: [{ filename: 'listino.pdf', content: PDF }],
      };
      const transport = asAdmin();
      const first = await transport.sendMail(mail);
      const second = await transport.sendMail(mail);
      transport.close();
      assert.match(second.response, /Already taken as message/);
      assert.equal(messageIdOf(second.response), messageIdOf(first.response));
      await server.service.idle();
      assert.equal(relay.messages.length, 1, 'sent once');
      assert.equal((await messagesWithSubject('Inviato due volte')).length, 1);
      relay.reset();
      // Two attempts at once (a client retrying on a new connection while the first still
      // runs): whichever commits second finds the first's message.
      const raced = { ...mail, subject: 'Due volte insieme', messageId: newMessageId() };
      const [a, b] = [asAdmin(), asAdmin()];
      const both = await Promise.all([a.sendMail(raced), b.sendMail(raced)]);
      a.close();
      b.close();
      assert.equal(messageIdOf(both[0].response), messageIdOf(both[1].response));
      assert.equal((await messagesWithSubject('Due volte insieme')).length, 1);
      // Another user's mail with the same Message-ID is theirs, not a retry of this one.
      const other = submissionTransport(server, { user: member.input.email, pass: memberKey });
      const third = await other.sendMail({ ...mail, from: member.input.email });
      other.close();
      assert.notEqual(messageIdOf(third.response), messageIdOf(first.response));
    });

    it('refuses a From of another user with 554 5.7.1 and takes the user’s own', async () => {
      const transport = submissionTransport(server, { user: member.input.email, pass: memberKey });
      const refused = await refusalOf(
        transport.sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Io?',
          text: 'hi',
        }),
      );
      assert.equal(refused.code, 554);
      assert.match(refused.response, /^554 5\.7\.1 You may not send as this From address/);
      const taken = await transport.sendMail({
        from: `${member.input.name} <${member.input.email}>`,
        to: 'x@example.org',
        subject: 'Sono io',
        text: 'hi',
      });
      transport.close();
      assert.match(taken.response, /^250 /);
      await server.service.idle();
      assert.equal(relay.messages.length, 1);
      assert.equal(relay.messages[0]!.envelope.from, member.input.email);
      assert.equal((await messagesWithSubject('Io?')).length, 0);
    });

    it('refuses bad credentials with 535 5.7.8: a wrong key, or a key with another user’s address', async () => {
      for (const auth of [
        { user: admin.input.email, pass: 'mb_not-a-key' },
        { user: member.input.email, pass: adminKey },
      ]) {
        const refused = await refusalOf(
          submissionTransport(server, auth).sendMail({
            from: auth.user,
            to: 'x@example.org',
            subject: 'Chi sono',
            text: 'hi',
          }),
        );
        assert.equal(refused.code, 535);
        assert.match(refused.response, /^535 5\.7\.8 /);
      }
    });

    it('refuses MAIL without AUTH with 530 5.7.0', async () => {
      const refused = await refusalOf(
        submissionTransport(server, undefined).sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Anonimo',
          text: 'hi',
        }),
      );
      assert.equal(refused.code, 530);
      assert.match(refused.response, /^530 5\.7\.0 Authentication required/);
    });

    it('refuses a mail over the size limit, and a file over MAX_ATTACHMENT_MB, with 552 5.3.4', async () => {
      const transport = asAdmin();
      const whole = await refusalOf(
        transport.sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Troppo grande',
          text: 'hi',
          attachments: [{ filename: 'big.bin', content: Buffer.alloc(2 * 1024 * 1024, 7) }],
        }),
      );
      assert.equal(whole.code, 552);
      assert.match(whole.response, /^552 5\.3\.4 /);
      // Fits the mail's limit (room for one file of MAX_ATTACHMENT_MB, encoded), not a file's.
      const file = await refusalOf(
        transport.sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Troppo grande',
          text: 'hi',
          attachments: [{ filename: 'big.bin', content: Buffer.alloc(0.6 * 1024 * 1024, 7) }],
        }),
      );
      transport.close();
      assert.equal(file.code, 552);
      assert.match(file.response, /^552 5\.3\.4 An attachment may be at most 0\.5 MB/);
      assert.equal((await messagesWithSubject('Troppo grande')).length, 0);
    });

    it('refuses content a message cannot have with 554 5.6.0, saying why', async () => {
      const transport = asAdmin();
      const header = await refusalOf(
        transport.sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Forse',
          text: 'hi',
          headers: { 'X-Mailbeacon-Tracking': 'maybe' },
        }),
      );
      assert.match(header.response, /^554 5\.6\.0 X-Mailbeacon-Tracking must be "on" or "off"/);
      const noSubject = await refusalOf(
        transport.sendMail({ from: admin.input.email, to: 'x@example.org', text: 'hi' }),
      );
      transport.close();
      assert.match(noSubject.response, /^554 5\.6\.0 subject must not be empty/);
    });

    it('stops a session whose API key was revoked after AUTH: 554 5.7.8', async () => {
      const created = await admin.client.post('/api/v1/api-keys', { name: 'short-lived' });
      const transport = submissionTransport(
        server,
        { user: admin.input.email, pass: created.body.key },
        { pool: true },
      );
      await transport.sendMail({
        from: admin.input.email,
        to: 'x@example.org',
        subject: 'Prima',
        text: 'hi',
      });
      assert.equal((await admin.client.delete(`/api/v1/api-keys/${created.body.id}`)).status, 204);
      const refused = await refusalOf(
        transport.sendMail({
          from: admin.input.email,
          to: 'x@example.org',
          subject: 'Dopo',
          text: 'hi',
        }),
      );
      transport.close();
      assert.match(refused.response, /^554 5\.7\.8 /);
      assert.equal((await messagesWithSubject('Dopo')).length, 0);
    });

    it('takes the workspace’s sender as a From, as the API would send from it', async () => {
      const set = await admin.client.patch('/api/v1/workspace/settings', {
        defaultSender: { email: 'team@example.com', name: 'Acme Team' },
      });
      assert.equal(set.status, 200, set.text);
      const transport = asAdmin();
      await transport.sendMail({
        from: 'Acme Team <team@example.com>',
        to: 'mario.rossi@example.org',
        subject: 'Dal team',
        text: 'hi',
      });
      transport.close();
      await server.service.idle();
      assert.equal(relay.messages.length, 1);
      assert.equal(relay.messages[0]!.envelope.from, 'team@example.com');
    });
  });
}
