import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  sendTrackedMessage,
  signupAdmin,
  signupMember,
  uploadAttachment,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`workspace settings shape what is sent (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay({ auth: { user: 'mb-relay', pass: 'p@ss w0rd:secret' } });
      // The installation's relay is down: only the workspace's own relay can deliver.
      server = await startTestService(
        engine,
        // The workspace's relay is a loopback test server: the outbound policy must allow it.
        {
          SMTP_URL: 'smtp://127.0.0.1:9',
          MAX_ATTACHMENT_MB: '0.004',
          ALLOW_PRIVATE_NETWORKS: 'true',
        },
        { outbox: { pollMs: 100, retryDelaysMs: [60_000] } },
      );
      admin = (await signupAdmin(server.url, { name: 'Anna' })).client;
    });
    beforeEach(() => relay.reset());
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('has privacy-friendly defaults, readable by members, changeable by admins only', async () => {
      const member = await signupMember(admin);
      const read = await member.client.get('/api/v1/workspace/settings');
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, {
        defaultSender: null,
        smtpRelay: null,
        mailbox: null,
        privacyNotice: { enabled: true, text: null },
        notifyOnMachineEvents: false,
        internalNetworks: [],
        trackingPolicy: 'notice',
        trackingDefault: false,
        doNotTrack: [],
      });
      const write = await member.client.patch('/api/v1/workspace/settings', {
        notifyOnMachineEvents: true,
      });
      assert.equal(write.status, 403);
      const dnt = await member.client.post('/api/v1/do-not-track', { entry: '@bank.example' });
      assert.equal(dnt.status, 403);
    });

    it('refuses invalid settings with 400', async () => {
      for (const body of [
        { internalNetworks: ['10.0.0.0/99'] },
        { internalNetworks: ['::ffff:10.0.0.1/64'] },
        { defaultSender: { email: 'nope' } },
        { smtpRelay: { host: 'x', port: 70000, security: 'none' } },
        { smtpRelay: { host: 'a b', port: 25, security: 'none' } },
        { unknown: true },
      ]) {
        const reply = await admin.patch('/api/v1/workspace/settings', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error.code, 'validation_failed');
      }
      const badEntry = await admin.post('/api/v1/do-not-track', { entry: 'not an address' });
      assert.equal(badEntry.status, 400);
      const missing = await admin.delete('/api/v1/do-not-track/nobody@example.org');
      assert.equal(missing.status, 404);
    });

    it('sends through the workspace’s relay, whose password is stored encrypted and never returned', async () => {
      const patched = await admin.patch('/api/v1/workspace/settings', {
        smtpRelay: {
          host: '127.0.0.1',
          port: relay.port,
          security: 'none',
          username: 'mb-relay',
          password: 'p@ss w0rd:secret',
        },
        defaultSender: { email: 'sales@acme.example', name: 'Acme Sales' },
        internalNetworks: ['10.1.0.0/16', '192.168.1.7'],
      });
      assert.equal(patched.status, 200, patched.text);
      assert.deepEqual(patched.body.smtpRelay, {
        host: '127.0.0.1',
        port: relay.port,
        security: 'none',
        username: 'mb-relay',
        passwordSet: true,
        allowInvalidCertificate: false,
      });
      assert.doesNotMatch(JSON.stringify(patched.body), /w0rd/);
      const stored = await server.service.store.db
        .selectFrom('workspaces')
        .select('settings')
        .execute();
      assert.doesNotMatch(JSON.stringify(stored), /w0rd/);

      // Changing other fields keeps the stored password.
      await admin.patch('/api/v1/workspace/settings', {
        smtpRelay: { host: '127.0.0.1', port: relay.port, security: 'none', username: 'mb-relay' },
      });
      const [message] = (await sendTrackedMessage(admin, {}, { relay })).mails;
      assert.equal(message!.user, 'mb-relay');
      assert.equal(message!.parsed.from?.value[0]?.address, 'sales@acme.example');
      assert.equal(message!.parsed.from?.value[0]?.name, 'Acme Sales');
      assert.equal(message!.envelope.from, 'sales@acme.example');
      await admin.patch('/api/v1/workspace/settings', { defaultSender: null });
    });

    it('writes the download block and notice in the sender’s language, with the workspace’s notice text', async () => {
      const me = await admin.patch('/api/v1/auth/me', { language: 'it' });
      assert.equal(me.status, 200);
      assert.equal(me.body.user.language, 'it');
      await admin.patch('/api/v1/workspace/settings', {
        privacyNotice: { text: 'Questa mail è tracciata da <Acme> & partner.' },
      });
      const upload = await uploadAttachment(admin, 'listino.pdf', 'x'.repeat(1000));
      assert.equal(upload.status, 201);
      const sent = await sendTrackedMessage(admin, { attachments: [upload.body.id] }, { relay });
      const [message] = sent.mails;
      const html = message!.parsed.html as string;
      assert.match(html, /Scarica/);
      assert.match(html, /listino\.pdf/);
      assert.match(html, /Questa mail è tracciata da &lt;Acme&gt; &amp; partner\./);
      assert.match(html, /\/t\/p\//);
      await admin.patch('/api/v1/auth/me', { language: 'en' });
    });

    it('leaves the sentence out when the workspace switches the notice off, never the opt-out link', async () => {
      await admin.patch('/api/v1/workspace/settings', { privacyNotice: { enabled: false } });
      const [message] = (await sendTrackedMessage(admin, {}, { relay })).mails;
      const html = message!.parsed.html as string;
      const text = message!.parsed.text as string;
      assert.match(html, /\/t\/o\//);
      // Every tracked copy keeps a way to stop the tracking, in both parts.
      assert.match(html, /<a href="[^"]*\/t\/p\/[^"]+"[^>]*>Stop tracking<\/a>/);
      assert.match(text, /Stop tracking:? \[?\S*\/t\/p\//);
      assert.doesNotMatch(html, /lets the sender know/, 'the sentence is gone');
      await admin.patch('/api/v1/workspace/settings', { privacyNotice: { enabled: true } });
    });

    it('refuses an attachment over MAX_ATTACHMENT_MB with 413 and keeps none of it', async () => {
      const reply = await uploadAttachment(admin, 'big.bin', Buffer.alloc(10_000, 1));
      assert.equal(reply.status, 413);
      assert.equal(reply.body.error.code, 'payload_too_large');
      const blobs = join(server.database.dataDir, 'blobs');
      const leftovers = existsSync(blobs)
        ? readdirSync(blobs, { recursive: true }).filter((f) => String(f).startsWith('.upload'))
        : [];
      assert.deepEqual(leftovers, []);
      const rows = await server.service.store.db.selectFrom('attachments').select('size').execute();
      assert.ok(rows.every((r) => r.size < 10_000));
    });

    it('refuses an upload that is not multipart, or has no file field', async () => {
      const json = await admin.post('/api/v1/attachments', { file: 'x' });
      assert.equal(json.status, 415);
      const form = new FormData();
      form.append('other', 'value');
      const response = await fetch(new URL('/api/v1/attachments', server.url), {
        method: 'POST',
        body: form,
        headers: { cookie: admin.cookie! },
      });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as any).error.code, 'validation_failed');
    });

    it('refuses a malformed multipart body with 400, never 500', async () => {
      for (const [contentType, body] of [
        ['multipart/form-data; boundary=x', 'garbage'],
        ['multipart/form-data', 'garbage'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\ncut short',
        ],
      ]) {
        const response = await fetch(new URL('/api/v1/attachments', server.url), {
          method: 'POST',
          body,
          headers: { cookie: admin.cookie!, 'content-type': contentType! },
        });
        assert.equal(response.status, 400, `${contentType}: ${response.status}`);
        assert.equal(((await response.json()) as any).error.code, 'bad_request');
      }
    });
  });
}
