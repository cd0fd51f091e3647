import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { signUp } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// Issue 16, point 8: an admin invites a colleague by mail, sees the invitation wait, withdraws
// another; the colleague follows the mailed link and finds their address filled in.

const skip = skipWithoutChromium();

describe('inviting a colleague', { skip }, () => {
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

  test('the invitation is mailed, waits in the list, and its link signs the colleague up with the address filled in', async () => {
    const adminContext = await newContext(browser, { baseURL: server.url });
    const page = await adminContext.newPage();
    await signUp(page);
    await page.goto('/settings/members');
    const pending = page.getByRole('region', { name: 'Invitations waiting for a signup' });
    await pending.getByText('No invitation is waiting.').waitFor();
    for (const email of ['bruno@example.org', 'carla@example.org']) {
      await page.getByLabel('Colleague’s email').fill(email);
      await page.getByRole('button', { name: 'Create invitation' }).click();
      await page.getByText(`The invitation was mailed to ${email}.`).waitFor();
      await pending.getByText(email).waitFor();
    }
    await page
      .getByRole('button', { name: 'Withdraw the invitation of carla@example.org' })
      .click();
    await pending.getByText('carla@example.org').waitFor({ state: 'detached' });
    await pending.getByText('bruno@example.org').waitFor();

    // The mail, as the colleague's client gets it (the dev inbox's raw copy).
    const inbox = await page.request.get('/api/v1/dev/inbox');
    const mail = ((await inbox.json()).messages as { id: string; to: string }[]).find((m) =>
      m.to.includes('bruno@example.org'),
    );
    assert.ok(mail, 'the invitation is in the dev inbox');
    const raw = await page.request.get(`/api/v1/dev/inbox/${mail.id}/raw`);
    const parsed = await simpleParser(await raw.body());
    assert.equal(parsed.subject, 'Ada Lovelace invited you to Acme on Mailbeacon');
    const link = /(https?:\/\/\S+\/signup\?invite=[\w-]+)/.exec(parsed.text ?? '')?.[1];
    assert.ok(link, 'the mail carries the link');

    const colleague = await (await newContext(browser, { baseURL: server.url })).newPage();
    await colleague.goto(link);
    await colleague
      .getByText('You were invited to Acme on Mailbeacon.', { exact: false })
      .waitFor();
    const email = colleague.getByLabel('Email');
    // Filled in once the page has asked whom the link is for.
    await colleague.locator('#signup-email[readonly]').waitFor();
    assert.equal(await email.inputValue(), 'bruno@example.org');
    assert.equal(await email.getAttribute('readonly'), '');
    await colleague.getByLabel('Your name').fill('Bruno Neri');
    await colleague.getByLabel('Password').fill('a colleague’s long passphrase');
    await colleague.getByRole('button', { name: 'Create account' }).click();
    await colleague.getByRole('heading', { name: 'Sent messages' }).waitFor();

    await page.reload();
    await pending.getByText('No invitation is waiting.').waitFor();
    await page.getByText('Bruno Neri').waitFor();

    // A used link says at once that it is no longer valid.
    const late = await (await newContext(browser, { baseURL: server.url })).newPage();
    await late.goto(link);
    await late.getByText('This invitation is not valid any more. Ask for a new one.').waitFor();
    await adminContext.close();
  });
});
