import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { signUp } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// An admin erases a recipient from their row on the message page, after a confirmation: the
// row stays, anonymised, and the other recipient is untouched.

const TARGET = 'josé.ünal@bücher.example';
const OTHER = 'mario@example.org';

const skip = skipWithoutChromium();

describe('erasing a recipient in the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let messageId = '';

  const rowOf = (text: string) => page.getByRole('row').filter({ hasText: text });
  const eraseButton = () => page.getByRole('button', { name: `Erase everything about ${TARGET}` });

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
    const sent = await context.request.post('/api/v1/messages', {
      data: {
        to: [{ email: TARGET, name: 'José Ünal' }, { email: OTHER }],
        subject: 'Offerta',
        text: 'Ciao',
        tracking: { enabled: true },
        send: true,
      },
    });
    assert.equal(sent.status(), 201);
    messageId = (await sent.json()).id;
    await server.service.idle();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('asks first: Cancel leaves the recipient as they were', async () => {
    await page.goto(`/messages/${messageId}`);
    await rowOf(TARGET).waitFor();
    await eraseButton().click();
    const dialog = page.getByRole('dialog', { name: 'Erase this recipient' });
    await dialog.getByText(/cannot be undone/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(TARGET).waitFor();
  });

  test('erases on confirmation: the row stays, anonymised, with no button left', async () => {
    await eraseButton().click();
    const dialog = page.getByRole('dialog', { name: 'Erase this recipient' });
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByText('Erased: 0 events, 1 copy.').waitFor();
    await rowOf('erased').waitFor();
    assert.equal(await rowOf(TARGET).count(), 0);
    assert.equal(await rowOf('José Ünal').count(), 0);
    await rowOf(OTHER).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Erase everything about/ }).count(), 1);
    assert.doesNotMatch(await page.content(), /ünal/i);
  });
});
