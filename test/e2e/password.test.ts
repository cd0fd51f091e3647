import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HttpClient } from '../helpers/http-client.js';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { ADA, signUp, waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// Issue 16, point 8, in the browser: change a password in Settings → Profile, then forget it and
// reset it through the mailed link (the dev inbox catches the mail).

const skip = skipWithoutChromium();
const CHANGED = 'a changed passphrase 2026';
const RESET = 'a passphrase from the reset link';

describe('changing and resetting a password in the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** Logs in over HTTP (not in the browser): whether the password works now. */
  const loginStatus = async (password: string) =>
    (await new HttpClient(server.url).post('/api/v1/auth/login', { email: ADA.email, password }))
      .status;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('Settings → Profile changes the password, showing the rule and a refusal first', async () => {
    await page.goto('/settings/profile');
    await page.getByText('At least 10 characters').first().waitFor();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill(CHANGED);
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForText(page.getByRole('alert'), 'The current password is wrong.');
    await page.getByLabel('Current password').fill(ADA.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForText(page.getByRole('status'), /Password changed/);
    assert.equal(await loginStatus(ADA.password), 401);
    assert.equal(await loginStatus(CHANGED), 200);
  });

  test('a forgotten password is reset through the mailed link, which leaves the address bar', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await waitForText(page.getByRole('status'), /If an account exists for this address/);
    await server.service.idle();

    const reader = new HttpClient(server.url);
    await reader.post('/api/v1/auth/login', { email: ADA.email, password: CHANGED });
    const [mail] = (await reader.get('/api/v1/dev/inbox')).body.messages as { id: string }[];
    const raw = await reader.get(`/api/v1/dev/inbox/${mail!.id}/raw`);
    const link = /http:\/\/\S+\/reset-password#token=\S+/.exec(
      (await simpleParser(raw.text)).text ?? '',
    )?.[0];
    assert.ok(link, 'a reset link in the mail');

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    assert.doesNotMatch(page.url(), /#|token/, 'the token is taken off the address bar');
    await page.getByLabel('New password').fill(RESET);
    await page.getByRole('button', { name: 'Set the password' }).click();
    await waitForText(page.getByRole('status'), 'Your password is set. Log in with it.');
    assert.equal((await reader.get('/api/v1/auth/me')).status, 401, 'every session ended');

    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(RESET);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sent messages' }).waitFor();
  });
});
