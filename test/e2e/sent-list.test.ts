import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTrackedMessage, signupMember } from '../factories.js';
import { HttpClient } from '../helpers/http-client.js';
import type { TestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { ADA, readMailAs, signUp, waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The sent list in Chromium (issue 16, point 8): who sent each message, a search kept in the
// address (reload and Back show the same list), filters, the "no message matches" state and
// its way out, and "show older messages" under a search. Ada's tracked message opened by its
// reader, her untracked one, a colleague's, and enough of Ada's to need a second page.

const skip = skipWithoutChromium();
/** More than the list's page (50). */
const BULK = 52;

describe('the sent list: sender, search and filters', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let page: Page;
  let colleague: string;

  /** The subjects the table shows, top to bottom. */
  const subjects = () => page.locator('table.messages tbody th a.subject').allInnerTexts();
  /** Waits until the table shows exactly `expected` (in order). */
  const shows = (expected: string[]) =>
    waitUntil(
      async () => JSON.stringify(await subjects()) === JSON.stringify(expected),
      `the list shows ${expected.join(', ')}`,
    );

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    const context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
    const ada = new HttpClient(server.url);
    await ada.post('/api/v1/auth/login', { email: ADA.email, password: ADA.password });
    for (let n = 1; n <= BULK; n++) {
      const sent = await ada.post(
        '/api/v1/messages',
        buildTrackedMessage({
          subject: `Circolare ${n}`,
          to: [{ email: 'ufficio@example.org' }],
          tracking: { enabled: false },
        }),
      );
      assert.equal(sent.status, 201, sent.text);
    }
    const member = await signupMember(ada);
    colleague = member.input.name;
    for (const [client, payload] of [
      [
        ada,
        buildTrackedMessage({
          subject: 'Listino novembre',
          to: [{ email: 'luisa@example.org', name: 'Luisa Bianchi' }],
        }),
      ],
      [
        member.client,
        buildTrackedMessage({
          subject: 'Offerta CITTÀ',
          to: [{ email: 'marco@example.org', name: 'Marco Neri' }],
        }),
      ],
    ] as const) {
      const sent = await client.post('/api/v1/messages', payload);
      assert.equal(sent.status, 201, sent.text);
    }
    await server.service.idle();
    await readMailAs(context, server.url, 'Listino', 'luisa@example.org');
    await server.service.idle();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('names each message’s sender in its own column', async () => {
    await page.goto('/messages');
    const table = page.getByRole('table', { name: 'Sent messages' });
    await table.getByRole('columnheader', { name: 'Sender' }).waitFor();
    const offer = table.getByRole('row', { name: /Offerta CITTÀ/ });
    await waitForText(offer.locator('td.sender'), colleague);
    const listino = table.getByRole('row', { name: /Listino novembre/ });
    await waitForText(listino.locator('td.sender'), `${ADA.name} (you)`);
    await waitForText(listino.locator('.chip'), 'Opened');
  });

  test('searches as one types, keeps the search in the address through a reload and Back', async () => {
    await page.goto('/messages');
    await page.getByRole('searchbox', { name: 'Search' }).fill('citta');
    await page.waitForURL(/\/messages\?q=citta$/);
    await shows(['Offerta CITTÀ']);
    await page.getByRole('searchbox', { name: 'Search' }).fill('luisa bianchi');
    await page.waitForURL(/\?q=luisa\+bianchi$/);
    await shows(['Listino novembre']);

    await page.reload();
    await shows(['Listino novembre']);
    assert.equal(
      await page.getByRole('searchbox', { name: 'Search' }).inputValue(),
      'luisa bianchi',
    );

    // Filtered to nothing: said so, with a way out.
    await page.getByLabel('Opened by a person').selectOption({ label: 'Not opened' });
    await page.waitForURL(/opened=false/);
    await page.getByText('No message matches this search and these filters.').waitFor();
    await page.locator('.empty').getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/messages$/);
    await waitUntil(async () => (await subjects()).length === 50, 'the first page, unfiltered');
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), '');

    await page.goBack();
    await page.waitForURL(/opened=false/);
    await page.getByText('No message matches this search and these filters.').waitFor();
    assert.equal(
      await page.getByRole('searchbox', { name: 'Search' }).inputValue(),
      'luisa bianchi',
    );
    assert.equal(await page.getByLabel('Opened by a person').inputValue(), 'false');
  });

  test('filters by opens, tracking and sender, combined', async () => {
    await page.goto('/messages');
    await page.getByLabel('Opened by a person').selectOption({ label: 'Opened' });
    await shows(['Listino novembre']);
    await page.getByLabel('Opened by a person').selectOption({ label: 'Any' });
    await page.getByLabel('Sender').selectOption({ label: colleague });
    await shows(['Offerta CITTÀ']);
    await page.getByLabel('Tracking', { exact: true }).selectOption({ label: 'Tracking off' });
    await page.getByText('No message matches this search and these filters.').waitFor();
    await page.getByLabel('Sender').selectOption({ label: 'Me' });
    await page.waitForURL(/tracking=off&sender=me|sender=me.*tracking=off/);
    await waitUntil(async () => (await subjects()).length === 50, 'a page of Ada’s untracked mail');
    assert.ok((await subjects()).every((s) => s.startsWith('Circolare')));
  });

  test('pages a search with “Show older messages”', async () => {
    await page.goto('/messages?q=circolare');
    await waitUntil(async () => (await subjects()).length === 50, 'the first page');
    await page.getByRole('button', { name: 'Show older messages' }).click();
    await waitUntil(async () => (await subjects()).length === BULK, 'both pages');
    assert.equal((await subjects()).at(-1), 'Circolare 1');
    await page.getByRole('button', { name: 'Show older messages' }).waitFor({ state: 'detached' });
  });

  test('speaks Italian', async () => {
    const profile = await page.request.patch('/api/v1/auth/me', { data: { language: 'it' } });
    assert.equal(profile.status(), 200);
    try {
      await page.goto('/messages?q=nessuno-corrisponde');
      await page.getByRole('heading', { name: 'Messaggi inviati' }).waitFor();
      await page.getByRole('searchbox', { name: 'Cerca' }).waitFor();
      await page.getByLabel('Mittente').waitFor();
      await page
        .getByText('Nessun messaggio corrisponde a questa ricerca e a questi filtri.')
        .waitFor();
      await page.locator('.empty').getByRole('button', { name: 'Azzera i filtri' }).click();
      await page
        .getByRole('table', { name: 'Messaggi inviati' })
        .getByRole('columnheader', { name: 'Mittente' })
        .waitFor();
    } finally {
      await page.request.patch('/api/v1/auth/me', { data: { language: 'en' } });
    }
  });
});
