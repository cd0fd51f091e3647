import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { ADA, addRecipient, waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// What the app is around the feature: two languages, drafts that survive, a phone's width,
// the server's headers, and the app never answering for the API or the tracking pages.

const skip = skipWithoutChromium();

describe('the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url, locale: 'it-IT' });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('serves the app with a strict policy, and never in place of the API or /t', async () => {
    const index = await fetch(`${server.url}/messages/abc`);
    assert.equal(index.status, 200);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(index.headers.get('referrer-policy'), 'same-origin');
    const html = await index.text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    for (const path of ['/api/v1/nope', '/t/o/forged', '/healthz', '/dev/inbox']) {
      const response = await fetch(`${server.url}${path}`);
      assert.doesNotMatch(await response.text(), /<div id="root">/, path);
    }
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const script = await fetch(`${server.url}${asset}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
  });

  test('speaks the browser’s language, Italian here, and switches to English', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Accedi a Mailbeacon' }).waitFor();
    await page.getByRole('combobox', { name: 'Lingua' }).selectOption('en');
    await page.getByRole('heading', { name: 'Log in to Mailbeacon' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('it');
    await page.getByRole('link', { name: /Crea lo spazio di lavoro/ }).click();
    await page.getByLabel('Il tuo nome').fill(ADA.name);
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(ADA.password);
    await page.getByLabel('Nome dello spazio di lavoro').fill(ADA.workspace);
    await page.getByRole('button', { name: 'Crea account' }).click();
    await page.getByRole('heading', { name: 'Messaggi inviati' }).waitFor();
    // Signed up in Italian: the notifications and sent mail's pages follow.
    const me = await (await context.request.get('/api/v1/auth/me')).json();
    assert.equal(me.user.language, 'it');
  });

  test('an incomplete draft stays in this browser, a complete one on the server', async () => {
    await page
      .getByRole('navigation', { name: 'Principale' })
      .getByRole('link', { name: 'Scrivi' })
      .click();
    await page.getByRole('textbox', { name: 'Oggetto' }).fill('Bozza di prova');
    await waitForText(page.getByRole('status'), /conservata su questo dispositivo/);
    await page.reload();
    assert.equal(
      await page.getByRole('textbox', { name: 'Oggetto' }).inputValue(),
      'Bozza di prova',
    );

    await addRecipient(page, 'A', 'luisa@example.org');
    await page.getByRole('textbox', { name: 'Messaggio' }).click();
    await page.keyboard.type('Ciao Luisa.');
    await waitForText(page.getByRole('status'), /Bozza salvata alle/);
    await page.waitForURL(/\/compose\/[a-z0-9]+$/);
    const drafts = await (await context.request.get('/api/v1/messages?status=draft')).json();
    assert.equal(drafts.messages.length, 1);
    assert.equal(drafts.messages[0].subject, 'Bozza di prova');

    await page
      .getByRole('navigation', { name: 'Principale' })
      .getByRole('link', { name: 'Inviati' })
      .click();
    await page.getByRole('link', { name: 'Bozze' }).click();
    await page.getByRole('link', { name: 'Bozza di prova' }).click();
    await page.getByRole('button', { name: 'Rimuovi luisa@example.org' }).waitFor();
  });

  test('an invalid address is refused before anything is sent', async () => {
    await addRecipient(page, 'A', 'not-an-address');
    await waitForText(
      page.locator('.address-field'),
      '«not-an-address» non è un indirizzo email valido.',
    );
    await page.getByRole('button', { name: 'Invia', exact: true }).click();
    await waitForText(page.getByRole('alert'), 'Correggi gli indirizzi segnati in rosso.');
    await page.getByRole('button', { name: 'Rimuovi not-an-address' }).click();
  });

  test('fits a phone: no sideways scrolling, everything still reachable', async () => {
    const phone = await newContext(browser, {
      baseURL: server.url,
      locale: 'en-GB',
      width: 390,
      height: 844,
    });
    const small = await phone.newPage();
    await small.goto('/login');
    await small.getByLabel('Email').fill(ADA.email);
    await small.getByLabel('Password').fill(ADA.password);
    await small.getByRole('button', { name: 'Log in' }).click();
    for (const path of ['/messages', '/compose', '/overview', '/settings/workspace']) {
      await small.goto(path);
      await small.locator('main h1').first().waitFor();
      const overflow = await small.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    }
    await phone.close();
  });

  test('settings: members, an invite link, and an API key shown once', async () => {
    await page.goto('/settings/members');
    await page.getByText(`${ADA.name} (tu)`).waitFor();
    await page.getByLabel('Email del collega').fill('bruno@example.org');
    await page.getByRole('button', { name: 'Crea invito' }).click();
    await page.getByText("L'invito è stato inviato per email a bruno@example.org.").waitFor();
    const link = page.getByLabel(/Oppure mandagli tu questo link/);
    assert.match(await link.inputValue(), /\/signup\?invite=/);
    await page
      .getByRole('region', { name: 'Inviti in attesa di registrazione' })
      .getByText('bruno@example.org')
      .waitFor();

    await page.getByRole('link', { name: 'Chiavi API' }).click();
    await page.getByLabel('Nome della chiave').fill('CRM');
    await page.getByRole('button', { name: 'Crea chiave' }).click();
    assert.match(await page.getByLabel(/Copia subito la chiave/).inputValue(), /^mb_/);
  });

  test('the overview draws the last 30 days', async () => {
    await page.goto('/overview');
    await page.getByRole('img', { name: /giorno per giorno/ }).waitFor();
    await page.getByText('Mostra i numeri').click();
    assert.equal(await page.locator('table.numbers tbody tr').count(), 30);
  });

  test('logs out', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('heading', { name: 'Accedi a Mailbeacon' }).waitFor();
    const me = await context.request.get('/api/v1/auth/me');
    assert.equal(me.status(), 401);
  });
});
