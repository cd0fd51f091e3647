import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSignup, type SentMessage, sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';

/**
 * Colleagues' addresses as they sign up (ASCII, an IDN domain in its `xn--` form) and as a
 * sender types them in Cc: Unicode domain, capitals, the Kelvin sign `K` for `k`. The copy is
 * the team's own however it is spelt. A look-alike in Cyrillic is a stranger.
 */
const COLLEAGUES = [
  ['anna@xn--bcher-kva.example', 'ANNA@Bücher.Example'],
  ['kate@xn--bcher-kva.example', '\u212Aate@bücher.example'],
] as const;
const STRANGER = '\u0430nna@bücher.example';

for (const engine of testEngines()) {
  describe(`copies to workspace members, in any spelling (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let sent: SentMessage;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 50 } });
      admin = (await signupAdmin(server.url)).client;
      for (const [email] of COLLEAGUES) {
        const invite = await admin.post('/api/v1/invites', { email, role: 'member' });
        assert.equal(invite.status, 201, invite.text);
        const signup = await new HttpClient(server.url).post('/api/v1/auth/signup', {
          ...buildSignup({ email, workspace: undefined }),
          invite: invite.body.token,
        });
        assert.equal(signup.status, 201, signup.text);
      }
      sent = await sendTrackedMessage(
        admin,
        { cc: [...COLLEAGUES.map(([, typed]) => ({ email: typed })), { email: STRANGER }] },
        { relay, mails: 4 },
      );
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('labels hits on a colleague’s copy self, and a look-alike’s not', async () => {
      for (const mail of sent.mails) {
        const pixel = mailUrls(mail.parsed).pixel;
        const reply = await fetch(onServer(pixel, server.url), {
          headers: { 'user-agent': THUNDERBIRD },
        });
        assert.equal(reply.status, 200);
      }
      await server.service.idle();
      const { events } = (await admin.get(`/api/v1/messages/${sent.id}/events`)).body;
      const labels = new Map(events.map((e: any) => [e.recipient.email, e.classification]));
      for (const [, typed] of COLLEAGUES) {
        const shown = sent.recipients.find((r) => r.email.toLowerCase() === typed.toLowerCase());
        assert.equal(labels.get(shown.email), 'self', typed);
      }
      const stranger = sent.recipients.find((r) => r.email === STRANGER);
      assert.notEqual(labels.get(stranger.email), 'self');
      assert.equal(labels.size, 4);
    });
  });
}
