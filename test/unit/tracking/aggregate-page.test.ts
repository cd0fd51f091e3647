import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGES, wording } from '../../../src/i18n/index.js';
import { instrumentMail } from '../../../src/mail/index.js';
import { renderAggregatePage } from '../../../src/tracking/pages/index.js';

const HOSTILE_ORG = 'Rossi & Figli <script>alert(1)</script>';
const HOSTILE_SUBJECT = 'Listino <img src=x onerror=alert(1)>';

describe('what a message under the aggregate policy says', () => {
  for (const language of LANGUAGES) {
    it(`explains the count on a page without a button, everything escaped (${language})`, () => {
      const page = renderAggregatePage({
        language,
        nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
        workspaceName: HOSTILE_ORG,
        subject: HOSTILE_SUBJECT,
      });
      const words = wording(language).aggregate;
      assert.match(page.csp, /default-src 'none'/);
      assert.ok(page.html.includes(words.pageHeading));
      assert.doesNotMatch(page.html, /<script>alert|<img src=x/);
      assert.match(page.html, /Rossi &amp; Figli &lt;script&gt;/);
      assert.doesNotMatch(page.html, /<form|<button/);
    });

    it(`puts its foot line, with its own link label, in both parts of the mail (${language})`, () => {
      const words = wording(language).aggregate;
      const url = 'https://t.example.net/t/a/token/about';
      const result = instrumentMail(
        { html: '<html><body><p>Ciao</p></body></html>', text: 'Ciao' },
        {
          pixelUrl: 'https://t.example.net/t/a/token',
          privacyNotice: { url, language, text: words.mailNotice, linkLabel: words.mailLink },
        },
      );
      const stop = wording(language).mail.stopTracking;
      assert.ok(result.html!.includes(`>${words.mailLink}</a>`));
      assert.ok(!result.html!.includes(stop), 'no "stop tracking": nothing per person to stop');
      assert.ok(result.text!.includes(`${words.mailLink}: ${url}`));
      assert.deepEqual(result.links, [], 'the foot line is not a link of the mail');
    });
  }
});
