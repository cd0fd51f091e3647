import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// What the API takes, the send delivers: one rule (isValidEmail) for both. The test relay is
// smtp-server, whose RCPT TO parser refuses a space or an at-sign inside quotes (501, a
// rejection the sender reports as such); real relays take them, and streamMime writes them
// (test/unit/mail/mime.test.ts).
const QUOTED = ['"a,b"@c.example', '"Rossi,Mario"@example.it'];

for (const engine of testEngines()) {
  describe(`a quoted local part is sent as the API took it (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { outbox: { retryDelaysMs: [100, 100], pollMs: 100 } },
      );
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('delivers to the quoted address: envelope and To header', async () => {
      const sent = await sendTrackedMessage(
        admin,
        { to: QUOTED.map((email) => ({ email, name: 'Zoë' })) },
        { relay, untilSent: true },
      );
      assert.deepEqual(
        sent.mails.map((mail) => mail.envelope.to).sort(),
        QUOTED.map((email) => [email]).sort(),
      );
      for (const mail of sent.mails) {
        const to = Array.isArray(mail.parsed.to) ? mail.parsed.to[0]! : mail.parsed.to!;
        // Every copy's To header names all the To recipients, each as the API took it.
        assert.deepEqual(to.value.map((entry) => entry.address).sort(), [...QUOTED].sort());
        assert.ok(to.value.every((entry) => entry.name === 'Zoë'));
      }
    });

    it('refuses with a 400 what neither side can send', async () => {
      const refused = await admin.post('/api/v1/messages', {
        to: [{ email: '"a b@c.example' }],
        subject: 'x',
        text: 'x',
        tracking: { enabled: false },
        send: true,
      });
      assert.equal(refused.status, 400, refused.text);
    });
  });
}
