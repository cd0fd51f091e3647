import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTrackedMessage } from '../factories.js';
import { HttpClient } from '../helpers/http-client.js';
import type { TestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { ADA, readMailAs, signUp, waitForText } from './support/flows.js';
import { overflowOnPhone, PHONE } from './support/phone.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The Overview in Chromium: a range chosen with a preset and with two dates (kept in the address,
// so a reload keeps it), people's rates per sender and per message, and the events' CSV for the
// range. One tracked message to two people, one of whom opens it; one untracked message.

const skip = skipWithoutChromium();
const today = () => new Date().toISOString().slice(0, 10);

describe('the overview: a range, people’s rates and the CSV', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
    const api = new HttpClient(server.url);
    await api.post('/api/v1/auth/login', { email: ADA.email, password: ADA.password });
    for (const payload of [
      buildTrackedMessage({
        subject: 'Listino novembre',
        to: [{ email: 'luisa@example.org' }, { email: 'marco@example.org' }],
      }),
      buildTrackedMessage({
        subject: 'Auguri',
        to: [{ email: 'gino@example.org' }],
        tracking: { enabled: false },
      }),
    ]) {
      const sent = await api.post('/api/v1/messages', payload);
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

  test('a preset range shows each sender’s and each message’s rates, and stays in the address', async () => {
    await page.goto('/overview');
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL(/\/overview\?days=7$/);
    assert.equal(
      await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'),
      'true',
    );
    const senders = page.getByRole('table', { name: 'By sender' });
    const ada = senders.getByRole('row', { name: new RegExp(ADA.name) });
    await waitForText(ada.locator('[data-kind="opened"]'), /50\s?%\s*1 of 2/);
    await waitForText(ada.locator('[data-kind="clicked"]'), /0\s?%\s*0 of 2/);
    await waitForText(ada.locator('[data-kind="downloaded"]'), 'no files');
    await waitForText(ada, '(1 not tracked)');
    const messages = page.getByRole('table', { name: 'By message' });
    const listino = messages.getByRole('row', { name: /Listino novembre/ });
    await waitForText(listino.locator('[data-kind="opened"]'), /50\s?%\s*1 of 2/);
    const auguri = messages.getByRole('row', { name: /Auguri/ });
    await waitForText(auguri.locator('[data-kind="opened"]'), 'not tracked');
    // The chart draws the seven days, with its legend.
    await page.getByText('Show the numbers').click();
    assert.equal(await page.locator('details table.numbers tbody tr').count(), 7);
    await waitForText(page.getByRole('list', { name: 'Legend' }), /Opened \(people\)/);

    await page.reload();
    assert.equal(
      await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'),
      'true',
      'a reload keeps the range',
    );
  });

  test('two dates make a custom range: one without mail shows none; a reload keeps it', async () => {
    await page.goto('/overview?days=30');
    await page.getByLabel('From', { exact: true }).fill('2026-01-05');
    await page.getByLabel('To', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await waitForText(page.getByRole('alert'), 'The first day must not be after the last.');
    await page.getByLabel('To', { exact: true }).fill('2026-01-11');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/\/overview\?from=2026-01-05&to=2026-01-11$/);
    await waitForText(page.locator('.rates-section'), 'No message was sent in this range.');
    await page.reload();
    assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2026-01-05');
    assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), '2026-01-11');
    await page.getByText('Show the numbers').click();
    assert.equal(await page.locator('details table.numbers tbody tr').count(), 7);
  });

  test('the export button downloads the range’s events as CSV', async () => {
    await page.goto(`/overview?from=${today()}&to=${today()}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export events (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.match(header!, /^id,at,type,classification/);
    assert.ok(
      rows.some((row) => row.includes('luisa@example.org') && row.includes(',open,')),
      csv,
    );
    // A day without events: the header alone.
    const empty = await page.request.get('/api/v1/events.csv?from=2026-01-05&to=2026-01-12');
    assert.equal(
      (await empty.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n').length,
      1,
    );
  });

  test('fits a phone’s screen with its data, its range and its rates', async () => {
    const phone = await newContext(browser, { baseURL: server.url, ...PHONE });
    try {
      const small = await phone.newPage();
      const login = await small.request.post('/api/v1/auth/login', {
        data: { email: ADA.email, password: ADA.password },
      });
      assert.equal(login.status(), 200);
      await small.goto('/overview?days=90');
      await small.getByRole('table', { name: 'By message' }).waitFor();
      assert.deepEqual(await overflowOnPhone(small), []);
      // Fewer date labels on a phone than days, once the chart has its width: none overlap.
      const labels = await waitUntil(async () => {
        const count = await small.locator('.chart svg text.axis-x').count();
        return count > 1 && count <= 6 ? count : undefined;
      }, `at most 6 date labels at ${PHONE.width} px`);
      assert.ok(labels <= 6);
    } finally {
      await phone.close();
    }
  });
});
