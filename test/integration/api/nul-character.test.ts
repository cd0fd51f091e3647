import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`the NUL character in a request (${engine})`, () => {
    let server: TestService;
    let relay: TestRelay;
    let admin: HttpClient;
    let messageId: string;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 100 } });
      admin = (await signupAdmin(server.url)).client;
      messageId = (await sendTrackedMessage(admin, {}, { relay })).id;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('is refused with 400 wherever it comes, body, nested key, path or query, and nothing is stored', async () => {
      const nul = '\u0000';
      const refused: [string, () => Promise<{ status: number; text: string; body: any }>][] = [
        [
          'consent proof',
          () => admin.post('/api/v1/consents', { email: 'ab@x.com', proof: `x${nul}y` }),
        ],
        [
          'consent address',
          () => admin.post('/api/v1/consents', { email: `a${nul}b@x.com`, proof: 'p' }),
        ],
        ['do-not-track path', () => admin.delete('/api/v1/do-not-track/a%00b@x.com')],
        ['do-not-track entry', () => admin.post('/api/v1/do-not-track', { entry: `@x${nul}.com` })],
        ['opt-out cursor', () => admin.get('/api/v1/opt-outs?cursor=%00')],
        ['message id', () => admin.get('/api/v1/messages/%00')],
        [
          'subject',
          () =>
            admin.post('/api/v1/messages', {
              to: [{ email: 'a@b.it' }],
              subject: `a${nul}`,
              text: 't',
              tracking: { enabled: true },
            }),
        ],
        ['chat line', () => admin.post(`/api/v1/messages/${messageId}/chat`, { text: `hi${nul}` })],
        [
          'nested key',
          () =>
            admin.patch('/api/v1/workspace/settings', { privacyNotice: { [`te${nul}xt`]: 'x' } }),
        ],
        ['events range', () => admin.get('/api/v1/events.csv?from=%00')],
        // Lone surrogates: stored as U+FFFD, an address written with one passed as another person.
        ['surrogate entry', () => admin.post('/api/v1/do-not-track', { entry: 's\ud800@ex.org' })],
        [
          'surrogate consent',
          () => admin.post('/api/v1/consents', { email: 'ab\udc00@x.com', proof: 'p' }),
        ],
        [
          'surrogate recipient',
          () =>
            admin.post('/api/v1/messages', {
              to: [{ email: 's\ud800@ex.org' }],
              subject: 's',
              text: 't',
              tracking: { enabled: true },
            }),
        ],
      ];
      for (const [what, send] of refused) {
        const reply = await send();
        assert.equal(reply.status, 400, `${what}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', what);
        assert.match(reply.body.error.message, /NUL|surrogate/, what);
      }
      assert.deepEqual((await admin.get('/api/v1/consents')).body.consents, []);
      assert.deepEqual(
        (await admin.get(`/api/v1/messages/${messageId}/chat`)).body.lines.filter(
          (line: { text?: string }) => line.text?.startsWith('hi'),
        ),
        [],
      );
      // The same requests without it go through.
      assert.equal(
        (await admin.post('/api/v1/consents', { email: 'ab@x.com', proof: 'xy' })).status,
        201,
      );
      assert.equal((await admin.get(`/api/v1/opt-outs?cursor=${'0'.repeat(26)}`)).status, 200);
    });
  });
}
