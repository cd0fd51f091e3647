import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newsletter } from '../helpers/newsletter.js';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { signUp, waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The compose screen warns, before sending, that Gmail will clip a long mail (issue 13).

const skip = skipWithoutChromium();

describe('the compose screen and Gmail’s clip', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url, locale: 'en-GB' });
    page = await context.newPage();
    await signUp(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A draft made through the API as the signed-up user, opened in the compose screen. */
  async function openDraft(html: string, tracking: boolean): Promise<void> {
    const created = await context.request.post('/api/v1/messages', {
      data: {
        to: [{ email: 'luisa@example.org' }],
        subject: 'Autumn letter',
        html,
        tracking: { enabled: tracking },
      },
    });
    assert.equal(created.status(), 201);
    const { id } = await created.json();
    await page.goto(`/compose/${id}`);
    await page.getByRole('textbox', { name: 'Subject' }).waitFor();
  }

  test('warns of the clip for a long tracked draft, with its size, and not for a short one', async () => {
    await openDraft(newsletter({ bytes: 99_000, links: 240 }), true);
    const warning = page.locator('.clip-warning');
    await waitForText(warning, /Gmail will clip this mail: its HTML is 1\d\d KB as sent/);
    await waitForText(warning, /open pixel and the privacy notice go at the top/);

    // The screen asks the server shortly after it opens: the test waits for that answer.
    const checked = page.waitForResponse((response) =>
      response.url().endsWith('/api/v1/messages/check'),
    );
    await openDraft(newsletter({ bytes: 20_000, links: 40 }), true);
    assert.deepEqual(await (await checked).json(), { warnings: [] });
    await page.getByRole('heading', { name: 'Tracking is on' }).waitFor();
    assert.equal(await page.locator('.clip-warning').count(), 0);
  });

  test('keeps the warning on the page of a message sent with it', async () => {
    const sent = await context.request.post('/api/v1/messages', {
      data: {
        to: [{ email: 'luisa@example.org' }],
        subject: 'Sent autumn letter',
        html: newsletter({ bytes: 99_000, links: 240, multibyte: true }),
        tracking: { enabled: true },
        send: true,
      },
    });
    assert.equal(sent.status(), 201);
    const { id } = await sent.json();
    await page.goto(`/messages/${id}`);
    await page.getByRole('heading', { name: 'Sent autumn letter' }).waitFor();
    await waitForText(page.locator('.clip-warning'), /Gmail will clip this mail/);
  });
});
