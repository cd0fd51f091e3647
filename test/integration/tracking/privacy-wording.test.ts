import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SentMessage, sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

/**
 * What the privacy page of a real copy must say, by TRACKING_IP, and what it must not: the
 * sentence of another mode (the old page told everyone their address was shortened).
 */
const SAYS = {
  full: {
    en: 'and your IP address in full.',
    it: 'e il tuo indirizzo IP completo.',
  },
  none: {
    en: 'Your IP address is not recorded, nor is your location.',
    it: 'Il tuo indirizzo IP non viene registrato, né la tua posizione.',
  },
} as const;
const SHORTENED = /shortened|approximate|accorciato|approssimativo/;

for (const engine of testEngines()) {
  for (const ip of ['full', 'none'] as const) {
    describe(`the privacy page under TRACKING_IP=${ip} (${engine})`, () => {
      let relay: TestRelay;
      let server: TestService;
      let admin: HttpClient;
      let sent: SentMessage;

      const privacyUrl = () => onServer(mailUrls(sent.mails[0]!.parsed).privacy!, server.url);

      before(async () => {
        relay = await startTestRelay();
        server = await startTestService(
          engine,
          { SMTP_URL: relay.url, TRACKING_IP: ip, EVENT_RETENTION_DAYS: '90' },
          { outbox: { pollMs: 100 } },
        );
        admin = (await signupAdmin(server.url)).client;
        sent = await sendTrackedMessage(admin, { to: [{ email: 'anna@ext.example' }] }, { relay });
      });
      after(async () => {
        await server.close();
        await relay.close();
      });

      it('says what is kept of the IP address, and for how long, in both languages', async () => {
        for (const language of ['en', 'it'] as const) {
          const reply = await fetch(privacyUrl(), { headers: { 'accept-language': language } });
          assert.equal(reply.status, 200);
          assert.match(reply.headers.get('content-security-policy') ?? '', /default-src 'none'/);
          const html = await reply.text();
          assert.doesNotMatch(html, /<script/);
          assert.ok(html.includes(SAYS[ip][language]), `${language}: ${html}`);
          assert.doesNotMatch(html, SHORTENED);
          assert.ok(
            html.includes(
              language === 'en'
                ? 'The records are kept for 90 days and then deleted.'
                : 'I dati vengono conservati per 90 giorni e poi cancellati.',
            ),
            html,
          );
        }
      });

      it('keeps that sentence in the opt-out proof log, under the new wording version', async () => {
        const reply = await fetch(privacyUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
          body: '',
        });
        assert.equal(reply.status, 200);
        const [proof] = (await admin.get('/api/v1/opt-outs')).body.optOuts;
        assert.equal(proof.wordingVersion, '2026-12-03');
        assert.ok(proof.pageText.includes(SAYS[ip].en), proof.pageText);
        assert.ok(proof.pageText.includes('kept for 90 days'), proof.pageText);
        assert.doesNotMatch(proof.pageText, SHORTENED);
      });
    });
  }
}
