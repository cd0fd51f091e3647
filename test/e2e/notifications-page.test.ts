import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { insertNotifications, newId } from '../../src/store/index.js';
import { buildNotificationRow } from '../factories.js';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import type { TestService } from '../helpers/test-service.js';
import { GMAIL_PROXY, THUNDERBIRD } from '../helpers/user-agents.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { ADA, signUp, waitForText } from './support/flows.js';
import { sendToEachReader } from './support/readers.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The Notifications page and the bell's labels (issue 16, point 5), in Chromium: a person's,
// an image proxy's and a machine's opens, each line labelled and each label explained; the
// page's filters in the address, paging, marking read, live arrivals; Italian too.

const OFFER = 'Offerta Q4';
const PRICES = 'Listino 2027';

const skip = skipWithoutChromium();

describe('the Notifications page', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let page: Page;
  let api: HttpClient;
  let sent: Awaited<ReturnType<typeof sendToEachReader>>;

  /** Someone (a person, Gmail's proxy, Apple's prefetch) opens a copy; processed on return. */
  const open = async (email: string, ip: string, userAgent: string) => {
    await fetch(onServer(sent.get(email)!.pixel, server.url), {
      headers: { 'user-agent': userAgent, 'x-forwarded-for': ip },
    });
    await server.service.idle();
  };
  const lines = () => page.locator('.notification-page-list > li');
  const texts = () => lines().locator('.text').allInnerTexts();
  const chips = () => lines().locator('.class-chip').allInnerTexts();
  /** Waits for the list to show exactly these lines (a filter's answer comes a moment later). */
  const waitForLines = async (want: string[]) => {
    await waitUntil(
      async () => {
        const have = await texts();
        return JSON.stringify(have) === JSON.stringify(want) ? have : undefined;
      },
      `the lines ${JSON.stringify(want)}`,
    );
  };

  before(async () => {
    ensureWebBuild();
    server = await startAppServer({ TRUST_PROXY: 'true' });
    browser = await launchChromium();
    const context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
    api = new HttpClient(server.url);
    await api.post('/api/v1/auth/login', { email: ADA.email, password: ADA.password });
    await api.patch('/api/v1/workspace/settings', { notifyOnMachineEvents: true });
    sent = await sendToEachReader(server, api, [
      { email: 'mario@example.org', name: 'Mario Rossi', subject: OFFER },
      { email: 'luca@example.org', name: 'Luca Neri', subject: PRICES },
      { email: 'apple@example.org', name: 'Anna Verdi', subject: PRICES },
      { email: 'elena@example.org', name: 'Elena Blu', subject: OFFER },
    ]);
    await open('mario@example.org', '93.40.12.7', THUNDERBIRD);
    await open('luca@example.org', '66.102.8.20', GMAIL_PROXY);
    // Apple's privacy prefetch: a machine, told since the workspace asked.
    await open('apple@example.org', '17.58.63.10', 'Mozilla/5.0');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('lists every notification, newest first, labelled, with what each label means', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Notifications' })
      .click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await lines().nth(2).waitFor();
    assert.deepEqual(await texts(), [
      `Anna Verdi opened «${PRICES}» — probably Apple’s privacy prefetch, not the recipient`,
      `Luca Neri opened «${PRICES}»`,
      `Mario Rossi opened «${OFFER}»`,
    ]);
    assert.deepEqual(await chips(), ['Machine', 'Image proxy', 'Person']);
    const legend = page.getByLabel('What the labels mean');
    await waitForText(legend, 'A person, as far as can be told');
    await waitForText(legend, 'A mail provider fetched the images for a real open');
    await waitForText(legend, 'Not the recipient: a scanner, checker or prefetch');
  });

  test('filters by label and action, kept in the address across a reload', async () => {
    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Image proxy' });
    await page.waitForURL(/\/notifications\?label=proxy$/);
    await waitForLines([`Luca Neri opened «${PRICES}»`]);
    await page.reload();
    await waitForLines([`Luca Neri opened «${PRICES}»`]);
    assert.equal(await page.getByLabel('Label', { exact: true }).inputValue(), 'proxy');
    // Only the labels shown are explained.
    assert.deepEqual(await page.getByLabel('What the labels mean').locator('dt').allInnerTexts(), [
      'Image proxy',
    ]);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Clicked' });
    await page.waitForURL(/type=click/);
    await page.getByText('No notifications match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/notifications$/);
    await lines().nth(2).waitFor();
  });

  test('filters by message and by dates', async () => {
    await page
      .getByLabel('Message', { exact: true })
      .selectOption({ value: sent.get('mario@example.org')!.messageId });
    await waitForLines([`Mario Rossi opened «${OFFER}»`]);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.waitForURL(new RegExp(`from=${today}`));
    await waitForLines([`Mario Rossi opened «${OFFER}»`]);
    await page.getByLabel('To', { exact: true }).fill('2020-01-01');
    await page.getByText('The first day must not be after the last.').waitFor();
    assert.equal(await lines().count(), 0);
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByText('No notifications match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await lines().nth(2).waitFor();
  });

  test('marks one read; unread only leaves it out, and the bell counts it', async () => {
    const mario = lines().filter({ hasText: 'Mario Rossi' });
    await mario.getByRole('button', { name: 'Mark as read' }).click();
    await mario.getByRole('button', { name: 'Mark as read' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
    await page.getByLabel('Unread only').check();
    await page.waitForURL(/unread=true/);
    await waitForLines([
      `Anna Verdi opened «${PRICES}» — probably Apple’s privacy prefetch, not the recipient`,
      `Luca Neri opened «${PRICES}»`,
    ]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await lines().nth(2).waitFor();
  });

  test('offers what arrives live rather than moving the list', async () => {
    await open('elena@example.org', '93.40.12.9', THUNDERBIRD);
    const show = page.getByRole('button', { name: '1 new notification: show it' });
    await show.waitFor();
    assert.equal(await lines().count(), 3);
    await show.click();
    await waitForText(lines().first(), `Elena Blu opened «${OFFER}»`);
  });

  test('pages older notifications with Load more', async () => {
    // Fifty older ones, as a busy month leaves them.
    const { user, workspace } = (await api.get('/api/v1/auth/me')).body;
    const me = { id: user.id as string, workspaceId: workspace.id as string };
    const older = Date.now() - 86_400_000;
    await insertNotifications(
      server.service.store.db,
      Array.from({ length: 50 }, (_, i) =>
        buildNotificationRow(me, older - i * 60_000, newId(older - i * 60_000), {
          fact: JSON.stringify({ kind: 'legacy', data: { text: `Older news ${i}` } }),
        }),
      ),
    );
    await page.reload();
    await lines().nth(49).waitFor();
    assert.equal(await lines().count(), 50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await lines().nth(53).waitFor();
    assert.equal(await lines().count(), 54);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    assert.deepEqual((await texts()).at(-1), 'Older news 49');
  });

  test('the bell labels its lines, explains them, and leads to the page', async () => {
    await page.goto('/messages');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await waitForText(panel.locator('.class-chip'), 'Image proxy');
    const legend = panel.getByLabel('What the labels mean');
    await waitForText(legend, 'A mail provider fetched the images for a real open');
    await waitForText(legend, 'Not the recipient: a scanner, checker or prefetch');
    await waitForText(legend, 'A person, as far as can be told');
    await panel.getByRole('link', { name: 'See all notifications' }).click();
    await page.waitForURL(/\/notifications$/);
    // The panel read them all: the page follows.
    await page.getByRole('button', { name: 'Mark as read' }).first().waitFor({ state: 'detached' });
  });

  test('speaks Italian to an Italian reader', async () => {
    await page.request.patch('/api/v1/auth/me', { data: { language: 'it' } });
    await page.goto('/notifications?label=proxy');
    await page.getByRole('heading', { name: 'Notifiche', level: 1 }).waitFor();
    await waitForLines([`Luca Neri ha aperto «${PRICES}»`]);
    assert.equal(await page.getByLabel('Etichetta').inputValue(), 'proxy');
    await waitForText(
      page.getByLabel('Cosa vogliono dire le etichette'),
      'Il provider di posta ha scaricato le immagini per un’apertura vera',
    );
  });
});
