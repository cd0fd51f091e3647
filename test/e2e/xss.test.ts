import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';
import { armTrap, Payloads, type Trap } from './support/xss.js';
import { makeXssWorld, type XssValues, type XssWorld } from './support/xss-world.js';

// Every user-controlled field gets a payload through the API; every page that shows one is
// opened in real Chromium. Nothing may run (no __xss call, no dialog), and each value must be on
// the page as the text it is.
//
// The pages' Content-Security-Policy is bypassed: it refuses inline script and handlers, so
// with it on no payload could ever run and the test would prove only the policy (checked
// apart, in app-basics.test.ts). Without it, markup that got into a document runs and is
// caught. (With it on, Chromium also reports a violation for handlers in documents that
// DOMParser makes and never runs, such as the one TipTap reads a draft's html from, so
// violations are no sign of injection either.) Iframe sandboxes stay: they are markup.

const skip = skipWithoutChromium();

/** One page to open, what it must show as text, and what its form fields must hold. */
interface Visit {
  readonly name: string;
  readonly url: (world: XssWorld) => string;
  readonly texts: (values: XssValues) => string[];
  readonly inputs?: (values: XssValues) => string[];
  /** What to do once there, so that the page shows everything it can (and check it). */
  readonly open?: (page: Page, values: XssValues) => Promise<void>;
}

const APP_PAGES: readonly Visit[] = [
  { name: 'sent messages', url: () => '/messages', texts: (v) => [v.subject] },
  {
    name: 'a sent message',
    url: (w) => `/messages/${w.sentId}`,
    texts: (v) => [v.subject, v.recipientName, v.filename, v.linkUrl, v.chat],
    // The message as written, in its sandboxed frame: scripts of the html must stay inert.
    open: async (page) => {
      await page.getByText('Message as written').click();
      await page.locator('iframe[title="Message as written"]').waitFor();
    },
  },
  {
    name: 'a draft in compose',
    url: (w) => `/compose/${w.draftId}`,
    texts: (v) => [v.draftRecipientName],
    inputs: (v) => [v.draftSubject],
  },
  {
    name: 'profile',
    url: () => '/settings/profile',
    texts: () => [],
    inputs: (v) => [v.userName],
  },
  {
    name: 'workspace settings',
    url: () => '/settings/workspace',
    texts: () => [],
    inputs: (v) => [v.senderName, v.privacyNotice],
  },
  {
    // Its lines name the reader and the subject within a sentence (the panel's test below
    // reads them as text); the message picker names the subject too.
    name: 'notifications',
    url: (w) => `/notifications?message=${w.sentId}`,
    texts: () => [],
    open: async (page) => {
      await page.locator('.notification-page-list li').first().waitFor();
    },
  },
  { name: 'do-not-track', url: () => '/settings/do-not-track', texts: (v) => [v.doNotTrack] },
  {
    name: 'consents',
    url: () => '/settings/consents',
    texts: (v) => [v.consentEmail, v.consentProof],
  },
  { name: 'webhooks', url: () => '/settings/webhooks', texts: (v) => [v.webhookUrl] },
  { name: 'API keys', url: () => '/settings/api-keys', texts: (v) => [v.apiKeyName] },
  { name: 'members', url: () => '/settings/members', texts: (v) => [v.userName] },
  { name: 'the app’s dev inbox', url: () => '/dev-inbox', texts: (v) => [v.subject] },
  { name: 'the dev inbox’s list', url: () => '/dev/inbox', texts: (v) => [v.subject] },
  {
    name: 'a mail in the dev inbox',
    url: (w) => `/dev/inbox/${w.devInboxId}`,
    texts: (v) => [v.subject, v.recipientName, v.senderName],
    // The copy as sent, in its sandboxed frame: what the server wrote into the mail (the
    // download block's file name, the privacy notice) must be text in the mail too.
    open: async (page, v) => {
      const mail = page.frameLocator('iframe.body');
      for (const text of [v.filename, v.privacyNotice]) await seeText(mail.locator('body'), text);
    },
  },
];

const RECIPIENT_PAGES: readonly Visit[] = [
  {
    name: 'the privacy page',
    url: (w) => w.privacyUrl,
    texts: (v) => [v.workspaceName, v.senderName, v.subject],
  },
  {
    // The page the stop button leads to, which names the workspace again: the reader stops
    // being tracked here, so it comes after the privacy page.
    name: 'the page after stopping',
    url: (w) => w.privacyUrl,
    open: async (page) => {
      await page.getByRole('button', { name: 'Stop tracking me' }).click();
      await page.getByRole('heading', { name: 'Done: you are no longer tracked' }).waitFor();
    },
    texts: (v) => [v.workspaceName],
  },
  {
    name: 'the download page',
    url: (w) => w.downloadUrl,
    texts: (v) => [v.filename, v.senderName],
  },
  {
    name: 'the expired-link page',
    url: (w) => w.expiredUrl,
    texts: (v) => [v.senderName, v.subject],
  },
];

/** Waits until the page shows `text` as text (the first of several is enough). */
async function seeText(within: Page | Locator, text: string): Promise<void> {
  await within.getByText(text).first().waitFor({ state: 'visible', timeout: 5_000 });
}

/** Waits until a form field of the page holds `value` (React fills forms after their fetch). */
async function seeInput(page: Page, value: string): Promise<void> {
  // A function, not a string: no page's policy on eval can then matter. `any`: this project's
  // TypeScript knows Node, not the browser's DOM.
  const holds = (wanted: string) =>
    [...(globalThis as any).document.querySelectorAll('input, textarea')].some(
      (field: { value: string }) => field.value === wanted,
    );
  await page.waitForFunction(holds, value, { timeout: 5_000 });
}

/** Nothing ran, nothing opened a dialog. */
function assertNothingRan(trap: Trap): void {
  assert.deepEqual(trap.ran, [], 'payloads that ran');
  assert.deepEqual(trap.dialogs, [], 'dialogs');
}

/**
 * Opens the page and checks it shows every value as text, with no javascript: link. A value
 * that became markup is not there as text: the failure then says what ran, if anything did.
 */
async function visit(page: Page, world: XssWorld, target: Visit, trap: Trap): Promise<void> {
  await page.goto(target.url(world));
  await target.open?.(page, world.values);
  try {
    for (const text of target.texts(world.values)) await seeText(page, text);
    for (const value of target.inputs?.(world.values) ?? []) await seeInput(page, value);
  } catch (error) {
    assertNothingRan(trap);
    throw error;
  }
  const scriptLinks = await page.locator('a[href^="javascript:" i]').count();
  assert.equal(scriptLinks, 0, `${target.name}: a javascript: link`);
}

describe('XSS payloads in every user-controlled field, in real Chromium', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  const payloads = new Payloads();
  let world: XssWorld;

  /** A profile armed with the trap; the sender's is logged in with the world's admin cookie. */
  async function armedPage(
    cookie?: string,
  ): Promise<{ context: BrowserContext; page: Page; trap: Trap }> {
    const context = await newContext(browser, { baseURL: server.url, bypassCSP: true });
    const trap = await armTrap(context, payloads);
    if (cookie) {
      const at = cookie.indexOf('=');
      const [name, value] = [cookie.slice(0, at), cookie.slice(at + 1)];
      await context.addCookies([{ name, value, url: server.url }]);
    }
    const page = await context.newPage();
    return { context, page, trap };
  }

  before(async () => {
    ensureWebBuild();
    // Webhooks point at a closed loopback port: made, never delivered.
    server = await startAppServer({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    browser = await launchChromium();
    world = await makeXssWorld(server, payloads);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the app’s pages and the dev inbox show every payload as text, and run none', async () => {
    const { context, page, trap } = await armedPage(world.admin.cookie);
    for (const target of APP_PAGES) await visit(page, world, target, trap);
    // The chat's lines, notes and those made of events (reader's name, subject), as text.
    await page.goto(`/messages/${world.sentId}`);
    for (const line of world.chatLines) await seeText(page, line);
    assertNothingRan(trap);
    await context.close();
  });

  test('the notifications panel shows lines made of payloads as text', async () => {
    const { context, page, trap } = await armedPage(world.admin.cookie);
    const feed = (await world.admin.get('/api/v1/notifications')).body.notifications as any[];
    assert.ok(feed.length > 0, 'the reader’s open and click notified');
    await page.goto('/messages');
    await page.locator('button.bell').click();
    for (const line of feed) await seeText(page.locator('#notification-panel'), line.text);
    assertNothingRan(trap);
    await context.close();
  });

  test('the recipient’s pages (privacy, download, expired link) run none', async () => {
    const { context, page, trap } = await armedPage();
    for (const target of RECIPIENT_PAGES) await visit(page, world, target, trap);
    assertNothingRan(trap);
    await context.close();
  });
});
