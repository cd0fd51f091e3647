import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { addRecipient, signUp, waitForText } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// Issue 16, points 1, 3 and 9 in the browser: drafts are deleted (Discard, the Drafts list),
// a restored draft says so, the tracking state sits beside Send and starts from the defaults,
// and a file over MAX_ATTACHMENT_MB is refused before it is uploaded.

const skip = skipWithoutChromium();

describe('drafts and the tracking default in the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ensureWebBuild();
    server = await startAppServer({ MAX_ATTACHMENT_MB: '0.01' });
    browser = await launchChromium();
    context = await newContext(browser, { baseURL: server.url });
    page = await context.newPage();
    await signUp(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The subjects of the drafts the server keeps. */
  const serverDrafts = async (): Promise<string[]> => {
    const reply = await context.request.get('/api/v1/messages?status=draft');
    const { messages } = (await reply.json()) as { messages: { subject: string }[] };
    return messages.map((m) => m.subject);
  };

  const body = () => page.getByRole('textbox', { name: 'Message' });

  /** A complete draft written in the compose screen and saved to the server. */
  async function saveDraft(subject: string): Promise<void> {
    await page.goto('/compose');
    await addRecipient(page, 'To', 'luisa@example.org');
    await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await body().click();
    await page.keyboard.type('Some words');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/messages') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    assert.equal((await saved).status(), 201);
  }

  it('shows the tracking state beside Send in words, and switches it there', async () => {
    await page.goto('/compose');
    const actions = page.locator('.compose-actions');
    const off = actions.getByRole('button', { name: 'Tracking off' });
    await off.waitFor();
    assert.equal(await off.getAttribute('aria-pressed'), 'false');
    await off.click();
    const on = actions.getByRole('button', { name: 'Tracking on' });
    assert.equal(await on.getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'Tracking is on' }).waitFor();
  });

  it('Discard deletes the server’s draft, not only this browser’s copy', async () => {
    await saveDraft('Thrown away');
    assert.deepEqual(await serverDrafts(), ['Thrown away']);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Message options' }).click();
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await page.getByRole('menuitem', { name: 'Discard' }).click();
    assert.equal((await deleted).status(), 204);
    await page.getByRole('heading', { name: 'Drafts' }).waitFor();
    assert.deepEqual(await serverDrafts(), []);
  });

  it('deletes a draft from the Drafts list with a named button, after asking', async () => {
    await saveDraft('Listed draft');
    await page.goto('/messages?view=drafts');
    const button = page.getByRole('button', { name: 'Delete the draft “Listed draft”' });
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await button.click();
    assert.match(asked, /Delete the draft “Listed draft”\?/);
    assert.deepEqual(await serverDrafts(), ['Listed draft'], 'kept when the answer is no');
    page.once('dialog', (dialog) => void dialog.accept());
    await button.click();
    await button.waitFor({ state: 'detached' });
    assert.deepEqual(await serverDrafts(), []);
  });

  it('says a draft was restored, offers Discard, and typing after it does not repeat the body', async () => {
    await page.goto('/compose');
    await page.getByRole('textbox', { name: 'Subject' }).fill('Half written');
    await body().click();
    await page.keyboard.type('First words');
    // Kept in this browser only (no recipient yet); left by the app's own navigation.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sent' })
      .click();
    await page.getByRole('heading', { name: 'Sent messages' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Compose' })
      .click();

    const notice = page.locator('.restored-notice');
    await waitForText(notice, /Restored the draft you were writing/);
    assert.equal(await body().textContent(), 'First words');
    await body().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' and more');
    await addRecipient(page, 'To', 'luisa@example.org');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/messages') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    const draft = (await (await saved).json()) as { html: string };
    assert.equal(await body().textContent(), 'First words and more');
    assert.equal(draft.html, '<p>First words and more</p>');

    page.once('dialog', (dialog) => void dialog.accept());
    await notice.getByRole('button', { name: 'Discard it' }).click();
    await page.getByRole('heading', { name: 'Drafts' }).waitFor();
    assert.deepEqual(await serverDrafts(), []);
    await page.goto('/compose');
    await body().waitFor();
    assert.equal(await page.locator('.restored-notice').count(), 0, 'nothing left to restore');
  });

  it('refuses a file over MAX_ATTACHMENT_MB before uploading it, naming the limit', async () => {
    await page.goto('/compose');
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/attachments')) uploads.push(r.url());
    });
    await page.getByLabel('Attach files').setInputFiles({
      name: 'big.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(20_000, 1),
    });
    await waitForText(
      page.getByRole('alert'),
      'big.bin is not attached: it is larger than 0.01 MB, the largest attachment accepted.',
    );
    assert.deepEqual(uploads, [], 'nothing was sent');
  });

  it('starts new messages from the workspace’s default, and from one’s own over it', async () => {
    await page.goto('/settings/workspace');
    const box = page.getByRole('checkbox', { name: 'Start new messages with tracking on' });
    await box.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForText(page.getByRole('status'), /Saved/);
    // "Notify on machine events" is said once: the group has a name of its own.
    assert.equal(await page.getByText('Notify on machine events', { exact: true }).count(), 1);

    // The app reads the default at login: a reload reads it again.
    await page.goto('/compose');
    await page.locator('.compose-actions').getByRole('button', { name: 'Tracking on' }).waitFor();

    await page.goto('/settings/profile');
    const own = page.getByLabel('Tracking of my new messages');
    assert.equal(await own.inputValue(), 'workspace');
    await own.selectOption('off');
    await waitForText(page.getByRole('status'), /Saved/);
    await page.goto('/compose');
    await page.locator('.compose-actions').getByRole('button', { name: 'Tracking off' }).waitFor();
  });

  it('names who added a do-not-track entry', async () => {
    await page.goto('/settings/do-not-track');
    await page.getByLabel('Address or @domain').fill('@bank.example');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    const row = page.getByRole('listitem').filter({ hasText: '@bank.example' });
    await waitForText(row, 'Added by Ada Lovelace');
    assert.equal(await row.getByText('Added by an admin').count(), 0);
  });
});

describe('the tracking state beside Send, in Italian', { skip }, () => {
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

  it('reads “Tracking disattivato”, then “Tracking attivo”', async () => {
    const context = await newContext(browser, { baseURL: server.url, locale: 'it-IT' });
    // Signed up over HTTP (the signup page would be in Italian); the cookie is the context's.
    const signup = await context.request.post('/api/v1/auth/signup', {
      data: {
        email: 'ada@example.com',
        password: 'correct horse battery',
        name: 'Ada',
        workspace: 'Acme',
      },
    });
    assert.equal(signup.status(), 201);
    // Logged in, the app speaks the profile's language (issue 16, point 4).
    const italian = await context.request.patch('/api/v1/auth/me', { data: { language: 'it' } });
    assert.equal(italian.status(), 200);
    const page = await context.newPage();
    await page.goto('/compose');
    const actions = page.locator('.compose-actions');
    await actions.getByRole('button', { name: 'Tracking disattivato' }).click();
    await actions.getByRole('button', { name: 'Tracking attivo' }).waitFor();
  });
});
