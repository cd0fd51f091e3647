import type { BrowserContext, Locator, Page } from 'playwright-core';
import { waitUntil } from '../../helpers/wait.js';

/** Waits until the locator shows text matching `text` (the first of several is enough). */
export async function waitForText(locator: Locator, text: RegExp | string, timeout = 15_000) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

export interface Sender {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly workspace: string;
}

export const ADA: Sender = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'correct horse battery',
  workspace: 'Acme',
};

/** The first signup, through the app's own pages; ends on the list of sent messages. */
export async function signUp(page: Page, sender: Sender = ADA): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: /create the workspace/i }).click();
  await page.getByLabel('Your name').fill(sender.name);
  await page.getByLabel('Email').fill(sender.email);
  await page.getByLabel('Password').fill(sender.password);
  await page.getByLabel('Workspace name').fill(sender.workspace);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Sent messages' }).waitFor();
}

/** Types addresses into a recipient field; each becomes a chip. */
export async function addRecipient(page: Page, field: string, address: string): Promise<void> {
  const input = page.getByRole('textbox', { name: field, exact: true });
  await input.fill(address);
  await input.press('Enter');
}

/** Writes the body and turns `linkText` (typed at its end) into a link to `url`. */
export async function writeBody(page: Page, text: string, linkText: string, url: string) {
  const body = page.getByRole('textbox', { name: 'Message' });
  await body.click();
  await page.keyboard.type(`${text} `);
  await page.keyboard.type(linkText);
  for (let i = 0; i < linkText.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert a link' });
  await dialog.getByLabel('Web address').fill(url);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await body.locator('a', { hasText: linkText }).waitFor();
}

/** Attaches a file through the picker and waits for its upload to finish. */
export async function attach(page: Page, name: string, content: string): Promise<void> {
  await page.getByLabel('Attach files').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(content),
  });
  const item = page
    .getByRole('list', { name: 'Attachments' })
    .getByRole('listitem')
    .filter({ hasText: name });
  await item.waitFor();
  await item.locator('progress').waitFor({ state: 'detached', timeout: 15_000 });
}

/** Switches the Tracking switch in the compose view's ⋯ menu, by keyboard. */
export async function setTracking(page: Page, on: boolean, menu = 'Message options') {
  const options = page.getByRole('button', { name: menu });
  await options.focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitemcheckbox', { name: 'Tracking' });
  if ((await item.getAttribute('aria-checked')) !== String(on)) {
    await item.focus();
    await page.keyboard.press(' ');
  }
  await page
    .locator(`[role="menuitemcheckbox"][aria-checked="${on}"]`)
    .waitFor({ state: 'attached' });
  await page.keyboard.press('Escape');
}

/**
 * The dev inbox needs a session of the sending workspace. The recipient's profile logs in as
 * the sender, but under the name `localhost`: the mail's tracking links name `127.0.0.1` (the
 * server's TRACKING_URL), where that profile has no session cookie, so its opens and clicks
 * still count as a recipient's, not as the sender's own. Returns the inbox's origin.
 */
async function loginForDevInbox(page: Page, serverUrl: string, sender: Sender): Promise<string> {
  const url = new URL(serverUrl);
  url.hostname = 'localhost';
  const reply = await page.request.post(`${url.origin}/api/v1/auth/login`, {
    data: { email: sender.email, password: sender.password },
  });
  if (!reply.ok()) throw new Error(`dev inbox login failed: ${reply.status()}`);
  return url.origin;
}

/**
 * Opens, as the recipient, the dev inbox's copy of the mail sent to `email`: the one the list
 * says was delivered to them (every copy's headers are the same; the envelope tells them apart).
 */
export async function openMailAs(
  page: Page,
  serverUrl: string,
  subject: string,
  email: string,
  sender: Sender = ADA,
): Promise<void> {
  const base = await loginForDevInbox(page, serverUrl, sender);
  await page.goto(`${base}/dev/inbox`);
  const copy = page
    .getByRole('link', { name: new RegExp(subject) })
    .filter({ hasText: `Delivered to: ${email}` });
  if ((await copy.count()) === 0) throw new Error(`no copy for ${email} in the dev inbox`);
  await copy.first().click();
}

/** Whether every image of the mail's body frame has loaded (the tracking pixel among them). */
export async function mailImagesLoaded(page: Page): Promise<boolean> {
  const frame = page.frames().find((f) => f.url().endsWith('/body'));
  if (!frame) return false;
  await frame.waitForLoadState('load');
  // A string: this project's TypeScript knows Node, not the browser's DOM.
  return frame.evaluate<boolean>(
    '[...document.images].every((image) => image.complete && image.naturalWidth > 0)',
  );
}

/**
 * Reads the mail sent to `email` as its recipient would, in a tab of its own, until its images
 * (the open's pixel) have loaded; then closes the tab.
 */
export async function readMailAs(
  context: BrowserContext,
  serverUrl: string,
  subject: string,
  email: string,
): Promise<void> {
  const reader = await context.newPage();
  await openMailAs(reader, serverUrl, subject, email);
  await waitUntil(() => mailImagesLoaded(reader), 'the mail’s images to load');
  await reader.close();
}

/** Clicks a link in the mail's body; the mail opens links in a new tab, as clients do. */
export async function clickInMail(
  page: Page,
  context: BrowserContext,
  name: string,
): Promise<Page> {
  const frame = page.frameLocator('iframe.body');
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    frame.getByRole('link', { name }).click(),
  ]);
  await tab.waitForLoadState();
  return tab;
}
