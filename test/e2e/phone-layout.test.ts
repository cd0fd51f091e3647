import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { devInboxCopy } from '../helpers/dev-inbox-urls.js';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import {
  ADA,
  addRecipient,
  attach,
  openMailAs,
  setTracking,
  signUp,
  writeBody,
} from './support/flows.js';
import { overflowOnPhone, PHONE } from './support/phone.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// Every page, menu, panel and dialog of the app (and the recipient's pages) at a phone's width,
// in both languages: nothing reaches past the screen's sides and nothing scrolls sideways.
// Italian first: its words are the longer.

const skip = skipWithoutChromium();
const SUBJECT = 'Preventivo per la ristrutturazione completa della cucina e del bagno';

describe('the web app on a phone (390 × 844)', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let messagePath: string;
  let privacyUrl: string;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    // A workspace with something on every page: a tracked message with a link and a
    // long-named attachment, delivered and opened by its recipient.
    const desk = await newContext(browser, { baseURL: server.url });
    const page = await desk.newPage();
    await signUp(page);
    await page.goto('/compose');
    await addRecipient(page, 'To', 'Luisa Bianchi-Ferretti <luisa.bianchi-ferretti@example.org>');
    await page.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
    await writeBody(
      page,
      'Buongiorno Luisa, ecco il preventivo.',
      'il preventivo',
      'https://example.com/preventivo-ristrutturazione-cucina-bagno-2026',
    );
    await attach(page, 'preventivo-ristrutturazione-cucina-e-bagno-2026-definitivo.txt', 'offer');
    await setTracking(page, true);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\/messages\/[^/]+$/);
    messagePath = new URL(page.url()).pathname;
    await server.service.idle();
    const reader = await desk.newPage();
    await openMailAs(reader, server.url, 'Preventivo', 'luisa.bianchi-ferretti@example.org');
    await server.service.idle();
    const api = new HttpClient(server.url);
    await api.post('/api/v1/auth/login', { email: ADA.email, password: ADA.password });
    const copy = await devInboxCopy(server, 'luisa.bianchi-ferretti@example.org', api);
    assert.ok(copy.urls.privacy, 'the copy links its privacy page');
    privacyUrl = onServer(copy.urls.privacy, server.url);
    await desk.close();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const locale of ['it-IT', 'en-US']) {
    test(`every page fits the screen (${locale})`, async () => {
      const context = await newContext(browser, { baseURL: server.url, locale, ...PHONE });
      try {
        await walk(context, locale);
      } finally {
        await context.close();
      }
    });
  }

  async function walk(context: BrowserContext, locale: string): Promise<void> {
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (what: string) => {
      for (const problem of await overflowOnPhone(page)) problems.push(`${what}: ${problem}`);
    };
    const visit = async (path: string, what = path) => {
      await page.goto(path);
      await page.locator('main h1, body > h1, main h2').first().waitFor();
      await check(what);
    };
    /** Opens what `opener` opens, checks it, and closes it with Escape. */
    const opened = async (opener: string, shown: string, what: string) => {
      await page.locator(opener).first().click();
      await page.locator(shown).first().waitFor();
      await check(what);
      await page.keyboard.press('Escape');
      await page.locator(shown).first().waitFor({ state: 'hidden' });
    };

    // Logged out.
    for (const path of ['/login', '/signup', '/forgot-password', '/reset-password']) {
      await visit(path);
    }
    // The recipient's pages: the privacy page and the page for a link that is not ours.
    await page.goto(privacyUrl);
    await page.locator('h1').first().waitFor();
    await check('the privacy page');
    await page.goto('/t/c/not-a-token');
    await page.locator('h1').first().waitFor();
    await check('the recipient’s 404 page');

    const login = await page.request.post('/api/v1/auth/login', {
      data: { email: ADA.email, password: ADA.password },
    });
    assert.equal(login.status(), 200);
    // Logged in, the app speaks the profile's language (issue 16, point 4): each walk sets it to
    // its browser's, so every page is read in that language.
    const profile = await page.request.patch('/api/v1/auth/me', {
      data: { language: locale.slice(0, 2) },
    });
    assert.equal(profile.status(), 200);
    await page.goto('/messages');
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), locale.slice(0, 2));

    await visit('/messages');
    await page.locator('main table.messages').waitFor();
    await check('the sent list’s table, as cards');
    // The sent list searched and filtered, and filtered to nothing.
    await visit(
      '/messages?q=preventivo&opened=true&tracking=on&sender=me',
      'the sent list, filtered',
    );
    await page.locator('main table.messages').waitFor();
    await check('the sent list, filtered');
    await visit('/messages?q=nothing-matches&clicked=false', 'the sent list, nothing matching');
    await page.locator('main .empty button').waitFor();
    await check('the sent list, nothing matching');
    await opened('.menu-toggle', '#top-menu.open', 'the folded navigation');
    await opened('.bell', '#notification-panel', 'the notification panel');
    await visit('/compose');
    await opened('main [aria-haspopup="menu"]', '[role="menu"]', 'the compose menu');
    await visit(messagePath, 'the message page');
    await opened('main [aria-haspopup="menu"]', '[role="menu"]', 'the message’s menu');
    await opened('.change-link', 'dialog[open]', 'the download link dialog');
    await opened('button.danger', 'dialog[open]', 'the erase dialog');
    await visit('/overview');
    await page.locator('main details summary').first().click();
    await check('the overview’s numbers');
    // The range picker with its refusal shown, over a range that holds the message and its rates.
    await visit('/overview?days=90', 'the overview over 90 days');
    await page.locator('main table.rates').first().waitFor();
    const dates = page.locator('.range-custom input[type="date"]');
    await dates.nth(0).fill('2026-01-05');
    await dates.nth(1).fill('2026-01-01');
    await page.locator('.range-custom button[type="submit"]').click();
    await page.locator('.range-custom .error').waitFor();
    await check('the overview’s range picker, refusing');
    // The notifications: the list with its labels and legend, then filtered with the dates out
    // of order (their refusal shown) and the message picked.
    await visit('/notifications', 'the notifications page');
    await page.locator('main .notification-page-list li').first().waitFor();
    await check('the notifications page, listed');
    await visit(
      `/notifications?label=human&message=${messagePath.split('/').pop()}&unread=true&from=2026-01-05&to=2026-01-01`,
      'the notifications page, filtered',
    );
    await page.locator('main .error').waitFor();
    await check('the notifications page, refusing its dates');
    await visit('/settings');
    const sections: string[] = [];
    for (const link of await page.locator('nav.settings-nav a').all()) {
      sections.push((await link.getAttribute('href')) ?? '');
    }
    assert.ok(sections.length >= 7, 'every settings section is linked');
    for (const section of sections) await visit(section);
    await visit('/dev-inbox');
    // The inbox itself is the server's page.
    await page.goto('/dev/inbox');
    await check('the dev inbox');
    await page
      .getByRole('link', { name: /Preventivo/ })
      .first()
      .click();
    await page.locator('iframe').first().waitFor();
    await check('a mail in the dev inbox');

    assert.deepEqual(problems, [], `at ${PHONE.width} px:\n${problems.join('\n')}`);
  }
});
