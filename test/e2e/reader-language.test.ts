import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { mailUrls, onServer } from '../helpers/mail-urls.js';
import type { TestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// One language per reader (issue 16, point 4): logged in, the app speaks the profile's language
// over the browser's, and so do the chat and the bell.

const skip = skipWithoutChromium();

describe('the profile language, in an English browser', { skip }, () => {
  let server: TestService;
  let browser: Browser;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an Italian-profile user sees Italian interface, chat and bell', async () => {
    const { client, input } = await signupAdmin(server.url, { name: 'Lucia Verdi' });
    assert.equal((await client.patch('/api/v1/auth/me', { language: 'it' })).status, 200);
    const sent = await sendTrackedMessage(client);
    // The dev inbox caught the copy: its pixel, opened by a mail client.
    const inbox = await waitUntil(async () => {
      const { messages } = (await client.get('/api/v1/dev/inbox')).body;
      return messages.length > 0 ? messages : undefined;
    }, 'the copy in the dev inbox');
    const raw = await fetch(`${server.url}/api/v1/dev/inbox/${inbox[0].id}/raw`, {
      headers: { cookie: client.cookie! },
    });
    const urls = mailUrls(await simpleParser(Buffer.from(await raw.arrayBuffer())));
    await fetch(onServer(urls.pixel, server.url), {
      headers: {
        'user-agent':
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      },
    });
    await server.service.idle();

    const context = await newContext(browser, { baseURL: server.url, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/');
    // Logged out, the browser's language.
    await page.getByRole('heading', { name: 'Log in to Mailbeacon' }).waitFor();
    await page.getByLabel('Email').fill(input.email);
    await page.getByLabel('Password').fill(input.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Logged in, the profile's.
    await page.getByRole('heading', { name: 'Messaggi inviati' }).waitFor();
    await page.getByRole('button', { name: /^Notifiche/ }).click();
    const panel = page.getByRole('region', { name: 'Notifiche' });
    await waitForText(panel, /Mario Rossi ha aperto «Offerta Q4»/);
    await page.goto(`/messages/${sent.id}`);
    await waitForText(page.locator('.chat-text'), /Mario Rossi ha aperto «Offerta Q4»/);
    await context.close();
  });
});
