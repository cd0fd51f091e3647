import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../../../src/i18n/index.js';
import {
  consentProofText,
  renderConsentDonePage,
  renderPrivacyPage,
} from '../../../src/tracking/pages/index.js';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const HOSTILE_ORG = 'Rossi & Figli <script>alert(1)</script>';
const SENDER = { name: 'Mario "Bob" <Rossi>', email: 'mario@acme.it' };
const CONSENT = { giveAction: '/t/p/tok/consent', withdrawAction: '/t/p/tok/consent/withdraw' };

const privacyPage = (language: 'en' | 'it', given: boolean, optedOut = false) =>
  renderPrivacyPage({
    language,
    nonce: NONCE,
    sender: SENDER,
    workspaceName: HOSTILE_ORG,
    subject: 'Offerta <b>',
    optedOut,
    optOutAction: '/t/p/tok',
    resumeAction: '/t/p/tok/resume',
    tracks: { opens: true, clicks: true, downloads: true },
    keeps: { ip: 'anonymize', days: 365 },
    consent: { ...CONSENT, given },
  }).html;

describe('the consent part of the privacy page', () => {
  for (const language of LANGUAGES) {
    it(`offers consent, or its withdrawal, as a plain form post, escaped (${language})`, () => {
      const offer = privacyPage(language, false);
      assert.match(offer, /<form method="post" action="\/t\/p\/tok\/consent" class="actions">/);
      assert.doesNotMatch(offer, /consent\/withdraw/);
      const given = privacyPage(language, true);
      assert.match(given, /<form method="post" action="\/t\/p\/tok\/consent\/withdraw"/);
      for (const html of [offer, given]) {
        assert.doesNotMatch(html, /<script>alert/);
        assert.match(html, /Rossi &amp; Figli &lt;script&gt;/);
      }
    });

    it(`shows no consent button once the recipient opted out (${language})`, () => {
      assert.doesNotMatch(privacyPage(language, false, true), /\/consent/);
      assert.doesNotMatch(privacyPage(language, true, true), /\/consent/);
    });

    it(`answers each button with what was recorded and since when (${language})`, () => {
      for (const consented of [true, false]) {
        const page = renderConsentDonePage({
          language,
          nonce: NONCE,
          sender: SENDER,
          workspaceName: HOSTILE_ORG,
          consented,
          at: new Date('2026-12-02T09:30:00Z'),
        });
        assert.match(page.csp, /default-src 'none'/);
        assert.match(page.html, /<time datetime="2026-12-02T09:30:00.000Z">/);
        assert.doesNotMatch(page.html, /<script>alert|<Rossi>/);
      }
    });
  }

  it('keeps as proof the very sentence and button the recipient saw, in their language', () => {
    const en = consentProofText('en', false, 'Acme');
    assert.equal(
      en,
      '[en] You can agree that Acme records when you open its emails, click their links or download their attachments. You can withdraw your consent here at any time: it takes effect at once, also for the emails you have already received. [I agree to be tracked]',
    );
    assert.match(
      consentProofText('it', true, 'Acme'),
      /^\[it\] Hai acconsentito a che Acme .*\[Revoca il consenso\]$/,
    );
  });
});
