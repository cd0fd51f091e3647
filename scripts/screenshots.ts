// Refreshes docs/screenshots/: builds the web app, starts the real server on a scratch SQLite
// database with the dev inbox, walks the main screens in Chromium and saves each one.
// Usage: npm run screenshots   (needs Debian's chromium: apt-get install chromium)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, newContext } from '../test/e2e/support/browser.js';
import {
  addRecipient,
  attach,
  clickInMail,
  openMailAs,
  setTracking,
  signUp,
  waitForText,
  writeBody,
} from '../test/e2e/support/flows.js';
import { startAppServer } from '../test/e2e/support/server.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const pause = (ms = 2_600) => new Promise((resolve) => setTimeout(resolve, ms));

const built = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web', '--logLevel', 'warn'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);
mkdirSync(OUT, { recursive: true });

const server = await startAppServer();
const browser = await launchChromium();
const shot = async (page: Page, name: string, fullPage = false) => {
  await page.waitForTimeout(300);
  // From the top: the sticky header would otherwise sit where the page was scrolled to.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
};

try {
  const ctx = await newContext(browser, { baseURL: server.url });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Log in to Mailbeacon' }).waitFor();
  await shot(page, 'login');
  await signUp(page);
  await page.goto('/settings/do-not-track');
  await page.getByLabel('Address or @domain').fill('@bank.example');
  await page.getByRole('button', { name: 'Add to the list' }).click();
  await page.getByText('@bank.example', { exact: true }).waitFor();

  // An untracked message first, so the list has more than one kind of row.
  await page.goto('/compose');
  await addRecipient(page, 'To', 'Luisa Bianchi <luisa@example.org>');
  await page.getByRole('textbox', { name: 'Subject' }).fill('Meeting notes');
  await page.getByRole('textbox', { name: 'Message' }).click();
  await page.keyboard.type('Hi Luisa, the notes from today are below.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: 'Meeting notes' }).waitFor();

  await page.goto('/compose');
  await addRecipient(page, 'To', 'Mario Rossi <mario@example.org>');
  await page.getByRole('button', { name: 'Add Cc' }).click();
  await addRecipient(page, 'Cc', 'office@bank.example');
  await page.getByRole('textbox', { name: 'Subject' }).fill('Offer Q4');
  await writeBody(page, 'Hello Mario, here is', 'the offer', `${server.url}/healthz`);
  await attach(page, 'price-list.pdf', '%PDF-1.4 price list');
  await page.getByRole('button', { name: 'Message options' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Tracking' }).click();
  await shot(page, 'compose-menu');
  await page.keyboard.press('Escape');
  await setTracking(page, true);
  await shot(page, 'compose-tracking', true);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: 'Offer Q4' }).waitFor();
  await waitForText(page.locator('table.recipients'), 'Delivered to the server', 20_000);

  // The recipient reads, clicks and downloads.
  const reader = await newContext(browser, { baseURL: server.url });
  const mail = await reader.newPage();
  await openMailAs(mail, server.url, 'Offer Q4', 'mario@example.org');
  await mail.frameLocator('iframe.body').locator('body').waitFor();
  await shot(mail, 'recipient-mail', true);
  await pause();
  await (await clickInMail(mail, reader, 'the offer')).close();
  await pause();
  const downloads = await clickInMail(mail, reader, 'Download');
  await shot(downloads, 'recipient-download-page');
  await Promise.all([
    downloads.waitForEvent('download'),
    downloads
      .getByRole('button', { name: /price-list/ })
      .first()
      .click(),
  ]);
  await page.getByRole('button', { name: /Notifications, 3 unread/ }).waitFor({ timeout: 20_000 });
  await shot(page, 'message', true);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await shot(page, 'notifications');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Message actions' }).click();
  await shot(page, 'message-menu');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Change the download link of price-list.pdf' }).click();
  await shot(page, 'expiry-dialog');
  await page.keyboard.press('Escape');

  // A draft, so the list shows one.
  await page.goto('/compose');
  await addRecipient(page, 'To', 'anna@example.org');
  await page.getByRole('textbox', { name: 'Subject' }).fill('Contract renewal');
  await page.getByRole('textbox', { name: 'Message' }).click();
  await page.keyboard.type('Dear Anna,');
  await waitForText(page.getByRole('status'), /Draft saved/);

  await page.goto('/messages');
  await page.getByRole('list', { name: 'Sent messages' }).waitFor();
  await shot(page, 'messages');
  await page.goto('/overview');
  await page.getByRole('img').first().waitFor();
  await shot(page, 'overview', true);
  await page.goto('/settings/workspace');
  await page.getByLabel('Notice text').waitFor();
  await shot(page, 'settings-workspace', true);
  await page.goto('/dev-inbox');
  await page.getByRole('table').waitFor();
  await shot(page, 'dev-inbox');

  const phone = await newContext(browser, { baseURL: server.url, width: 390, height: 844 });
  await phone.addCookies(await ctx.cookies());
  const small = await phone.newPage();
  await small.goto('/messages');
  await small.getByRole('list', { name: 'Sent messages' }).waitFor();
  await shot(small, 'phone-messages');
  await small.getByRole('link', { name: 'Offer Q4' }).click();
  await small.getByRole('heading', { name: 'Offer Q4' }).waitFor();
  await shot(small, 'phone-message', true);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('it');
  await page.goto('/compose');
  await addRecipient(page, 'A', 'giulia@example.it');
  await setTracking(page, true, 'Opzioni del messaggio');
  await page.getByRole('textbox', { name: 'Oggetto' }).fill('Preventivo');
  await shot(page, 'compose-it', true);
} finally {
  await browser.close();
  await server.close();
}
