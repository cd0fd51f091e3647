import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { signUp } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The dev inbox says whom each copy was delivered to (issue 15, point 5): the copies of a
// message with To, Cc and Bcc carry the same headers, so only the SMTP envelope tells them
// apart, the Bcc's above all.

const SUBJECT = 'Three copies';
const RECIPIENTS = ['anna@example.org', 'carlo@example.org', 'hidden@example.net'];

const skip = skipWithoutChromium();

describe('the dev inbox in the web app', { skip }, () => {
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
    const reply = await context.request.post('/api/v1/messages', {
      data: {
        to: [{ email: RECIPIENTS[0] }],
        cc: [{ email: RECIPIENTS[1] }],
        bcc: [{ email: RECIPIENTS[2] }],
        subject: SUBJECT,
        html: '<html><body><p>Hello</p></body></html>',
        tracking: { enabled: true },
        send: true,
      },
    });
    assert.equal(reply.status(), 201);
    // Idle once the send worker has handed the three copies to the dev inbox.
    await server.service.idle();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the app’s dev inbox lists each copy with whom it was delivered to', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dev inbox' })
      .click();
    await page.getByRole('columnheader', { name: 'Delivered to' }).waitFor();
    const rows = page.getByRole('row').filter({ hasText: SUBJECT });
    assert.equal(await rows.count(), 3);
    const delivered = await rows.locator('td[data-label="Delivered to"]').allTextContents();
    assert.deepEqual(delivered.sort(), RECIPIENTS);
    const to = await rows.locator('td[data-label="To"]').allTextContents();
    assert.equal(new Set(to).size, 1, 'every copy’s To header is the same');
  });

  test('the inbox page and the Bcc copy’s page say it was delivered to the Bcc', async () => {
    await page.goto('/dev/inbox');
    const blind = page
      .getByRole('link', { name: new RegExp(SUBJECT) })
      .filter({ hasText: `Delivered to: ${RECIPIENTS[2]}` });
    assert.equal(await blind.count(), 1);
    await blind.click();
    await page.getByRole('heading', { name: SUBJECT }).waitFor();
    const headers = page.locator('dl.headers').first();
    assert.match((await headers.textContent()) ?? '', /Delivered to\s*hidden@example\.net/);
    assert.doesNotMatch(
      (await headers.locator('dt:text-is("To") + dd').textContent()) ?? '',
      /hidden/,
    );
  });
});
