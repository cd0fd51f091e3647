import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { LANGUAGES, type Language } from '../../src/i18n/index.js';
import {
  type RenderedPage,
  renderDownloadPage,
  renderExpiredPage,
  renderPrivacyPage,
} from '../../src/tracking/pages/index.js';
import { launchChromium, skipWithoutChromium } from './support/browser.js';

// Issue 16, point 9: the expired-link page read "Write toAda Lovelace". The words were right in
// the markup; the button was a flex box, which lays each run of its label (the words, the
// <bdi> name) out as an item of its own and drops the space between them. Checked as Chromium
// lays the recipient pages out, in every language.

const skip = skipWithoutChromium();
const NONCE = 'cmVjaXBpZW50LXBhZ2Utd29yZHM=';
const SENDER = { name: 'Ada Lovelace', email: 'ada@example.com' };
const WRITE_TO: Record<Language, string> = {
  en: 'Write to Ada Lovelace',
  it: 'Scrivi a Ada Lovelace',
};

function pages(language: Language): [string, RenderedPage][] {
  const common = { language, nonce: NONCE, sender: SENDER, subject: 'Offer 2027' };
  return [
    [
      'expired',
      renderExpiredPage({ ...common, reason: 'expired', expiredAt: new Date('2026-12-27') }),
    ],
    ['revoked', renderExpiredPage({ ...common, reason: 'revoked' })],
    [
      'download',
      renderDownloadPage({
        ...common,
        files: [
          { id: 'f1', filename: 'quote.pdf', size: 1000, contentType: 'application/pdf' },
          { id: 'f2', filename: 'plan.png', size: 2000, contentType: 'image/png' },
        ],
        expiresAt: new Date('2026-12-27'),
        fileAction: (id) => `/t/d/TOKEN/${id}`,
        allAction: '/t/d/TOKEN/all',
        privacyUrl: '/t/p/PRIVACY',
      }),
    ],
    [
      'privacy',
      renderPrivacyPage({
        ...common,
        workspaceName: 'Acme',
        optedOut: false,
        optOutAction: '/t/p/PRIVACY',
        resumeAction: '/t/p/PRIVACY/resume',
        tracks: { opens: true, clicks: true, downloads: true },
        keeps: { ip: 'anonymize', days: 365 },
      }),
    ],
  ];
}

/**
 * The flex and grid boxes of the page that hold words of their own beside elements: each such
 * box lays its words and elements out as separate items, so the spaces between them vanish.
 * A string: this project's TypeScript knows Node, not the browser's DOM.
 */
const MIXED_FLEX_BOXES = `[...document.querySelectorAll('body *')]
  .filter((element) => /flex|grid/.test(getComputedStyle(element).display))
  .filter((element) => [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((element) => element.children.length > 0)
  .map((element) => element.outerHTML)`;

describe('the recipient pages’ words as laid out', { skip }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  for (const language of LANGUAGES) {
    it(`keeps the space in “${WRITE_TO[language]}” on the expired and revoked pages (${language})`, async () => {
      for (const [name, rendered] of pages(language).slice(0, 2)) {
        await page.setContent(rendered.html);
        // biome-ignore lint/performance/useDomNodeTextContent: the words as laid out are the point.
        const label = await page.locator('a.button').innerText();
        assert.equal(label, WRITE_TO[language], name);
      }
    });

    it(`has no flex or grid box mixing words and elements on any page (${language})`, async () => {
      for (const [name, rendered] of pages(language)) {
        await page.setContent(rendered.html);
        assert.deepEqual(await page.evaluate<string[]>(MIXED_FLEX_BOXES), [], name);
      }
    });
  }
});
