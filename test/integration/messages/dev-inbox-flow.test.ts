import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

for (const engine of testEngines()) {
  describe(`the embedded dev inbox catches what is sent (${engine})`, () => {
    let server: TestService;
    let client: HttpClient;

    before(async () => {
      server = await startTestService(engine, { DEV_SMTP_PORT: '0' }, { outbox: { pollMs: 100 } });
      ({ client } = await signupAdmin(server.url));
    });
    after(() => server.close());

    it('keeps a tracked mail sent with SMTP_URL unset, and shows it to its workspace as a client would', async () => {
      assert.ok(server.service.devSmtpPort);
      await sendTrackedMessage(client, {
        to: [{ email: 'lucia@example.org', name: 'Lucia' }],
        subject: 'Benvenuta',
      });
      const listed = await waitUntil(async () => {
        const r = await client.get('/api/v1/dev/inbox');
        return r.body.messages.length > 0 ? r.body.messages : undefined;
      }, 'the mail in the dev inbox');
      assert.equal(listed[0].subject, 'Benvenuta');
      assert.match(listed[0].to, /lucia@example\.org/);
      const raw = await client.get(`/api/v1/dev/inbox/${listed[0].id}/raw`);
      assert.equal(raw.status, 200);
      assert.match(raw.headers.get('content-type') ?? '', /message\/rfc822/);
      assert.match(raw.text, /\/t\/o\//);
      const page = await client.get(`/dev/inbox/${listed[0].id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /<iframe[^>]+sandbox="allow-popups allow-popups-to-escape-sandbox"/);
      const body = await client.get(`/dev/inbox/${listed[0].id}/body`);
      assert.match(body.text, /<base target="_blank">/);
      assert.match(body.text, /\/t\/c\//);
      // Filed under the sender's workspace, through the relay's login: nobody else reads it.
      const anonymous = new HttpClient(server.url);
      assert.equal((await anonymous.get('/api/v1/dev/inbox')).status, 401);
      assert.equal((await anonymous.get(`/dev/inbox/${listed[0].id}`)).status, 401);
    });

    it('documents each copy’s envelope in the OpenAPI document, in the list and the detail', async () => {
      const reply = await client.get('/api/docs/json');
      assert.equal(reply.status, 200);
      const { paths } = reply.body;
      const list = paths['/api/v1/dev/inbox'].get.responses['200'].content['application/json'];
      const one = paths['/api/v1/dev/inbox/{id}'].get.responses['200'].content['application/json'];
      for (const mail of [list.schema.properties.messages.items, one.schema]) {
        assert.equal(mail.properties.rcpt.type, 'array');
        assert.equal(mail.properties.mailFrom.type, 'string');
        assert.ok(mail.required.includes('rcpt'));
      }
    });

    it('says whom each copy of a message with To, Cc and Bcc was delivered to', async () => {
      await sendTrackedMessage(client, {
        to: [{ email: 'anna@example.org' }],
        cc: [{ email: 'carlo@example.org' }],
        bcc: [{ email: 'hidden@example.net' }],
        subject: 'Tre copie',
      });
      await server.service.idle();
      const copies = await waitUntil(async () => {
        const { messages } = (await client.get('/api/v1/dev/inbox')).body;
        const copies = messages.filter((m: { subject: string }) => m.subject === 'Tre copie');
        return copies.length === 3 ? copies : undefined;
      }, 'three copies in the dev inbox');
      // Every copy's headers are the same; the envelope alone tells them apart.
      assert.equal(new Set(copies.map((m: { to: string }) => m.to)).size, 1);
      const rcpt = copies.map((m: { rcpt: string[] }) => m.rcpt).sort();
      assert.deepEqual(rcpt, [['anna@example.org'], ['carlo@example.org'], ['hidden@example.net']]);
      const blind = copies.find((m: { rcpt: string[] }) => m.rcpt[0] === 'hidden@example.net');
      assert.doesNotMatch(blind.to, /hidden/);
      assert.ok(blind.mailFrom, 'the envelope sender is kept');
      const detail = await client.get(`/api/v1/dev/inbox/${blind.id}`);
      assert.deepEqual(detail.body.rcpt, ['hidden@example.net']);
      const page = await client.get(`/dev/inbox/${blind.id}`);
      assert.ok(page.text.includes('<dt>Delivered to</dt><dd>hidden@example.net</dd>'));
    });
  });
}

describe('the dev inbox is off when SMTP_URL is set', () => {
  it('serves no inbox routes', async () => {
    const server = await startTestService('sqlite', { SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      assert.equal(server.service.devSmtpPort, undefined);
      const reply = await new HttpClient(server.url).get('/api/v1/dev/inbox');
      assert.equal(reply.status, 404);
      assert.equal((await new HttpClient(server.url).get('/dev/inbox')).status, 404);
    } finally {
      await server.close();
    }
  });
});
