import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { setTracking, signUp } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The workspace's tracking policy in the web app: an admin picks it in the settings, and a
// message shows the policy it was sent under — for `aggregate`, its only data, the total opens.

const skip = skipWithoutChromium();

describe('the tracking policy in the web app', { skip }, () => {
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
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an admin sees the policy, reads what each one means, and saves another', async () => {
    await signUp(page);
    await page.goto('/settings/workspace');
    const policy = page.getByRole('combobox', { name: 'Policy for mail sent from now on' });
    assert.equal(await policy.inputValue(), 'notice');
    await page.getByText('Every tracked copy says what it records').waitFor();
    await policy.selectOption('aggregate');
    await page.getByText('Only each message’s total opens are stored').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Each message keeps the policy it was sent under').waitFor();
    const settings = await (await context.request.get('/api/v1/workspace/settings')).json();
    assert.equal(settings.trackingPolicy, 'aggregate');
    await page.reload();
    assert.equal(
      await page.getByRole('combobox', { name: 'Policy for mail sent from now on' }).inputValue(),
      'aggregate',
    );
  });

  test('a message sent under aggregate shows its policy and its total opens, nothing per recipient', async () => {
    await page.goto('/compose');
    await page.getByText('Tracking is off').waitFor();
    assert.equal(await page.getByText('Policy: aggregate.').count(), 0, 'nothing to say untracked');
    await setTracking(page, true);
    await page.getByText('Policy: aggregate.').waitFor();
    await page.getByText('Only each message’s total opens are stored').waitFor();
    const reply = await context.request.post('/api/v1/messages', {
      data: {
        to: [{ email: 'lucia@example.org' }, { email: 'marco@example.org' }],
        subject: 'Listino 2026',
        html: '<html><body><p>Il listino: <a href="https://shop.example.com/">qui</a></p></body></html>',
        tracking: { enabled: true },
        send: true,
      },
    });
    assert.equal(reply.status(), 201);
    const id = (await reply.json()).id as string;
    // Idle once the send worker has handed the copies to the dev inbox.
    await server.service.idle();
    const inbox = await (await context.request.get('/api/v1/dev/inbox')).json();
    const mails = inbox.messages.filter((m: any) => m.subject === 'Listino 2026');
    assert.equal(mails.length, 1, 'one shared copy for both recipients');
    const raw = await (await context.request.get(`/api/v1/dev/inbox/${mails[0].id}/raw`)).text();
    const pixel = /\/t\/a\/[\w-]+/.exec(raw.replace(/=\r?\n/g, ''))?.[0];
    assert.ok(pixel, 'the shared pixel');
    await fetch(`${server.url}${pixel}`, {
      headers: {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0',
      },
    });
    await server.service.idle();

    await page.goto(`/messages/${id}`);
    await page.getByRole('heading', { name: 'Aggregate statistics' }).waitFor();
    await page.getByText('Opened 1 time in total.').waitFor();
    await page.getByText('only this message’s total opens are stored').waitFor();
    await page.getByText('Policy: aggregate').waitFor();
    const rows = page.getByRole('table').getByText('Counted in the total only');
    assert.equal(await rows.count(), 2);
  });

  test('an admin imports a consent with its proof, sees it listed, and withdraws it', async () => {
    await page.goto('/settings/consents');
    await page.getByText('No consent recorded.').waitFor();
    await page.getByLabel('Address').fill('JOSÉ.Ünal@Bücher.example');
    await page.getByLabel('Proof of consent').fill('Modulo firmato <b>3/11</b>');
    await page.getByRole('button', { name: 'Import the consent' }).click();
    await page.getByText('JOSÉ.Ünal@Bücher.example', { exact: true }).waitFor();
    await page.getByText('Modulo firmato <b>3/11</b>', { exact: true }).waitFor();
    const listed = await (await context.request.get('/api/v1/consents')).json();
    assert.deepEqual(
      listed.consents.map((c: any) => c.addressKey),
      ['josé.ünal@xn--bcher-kva.example'],
    );
    await page
      .getByRole('button', { name: 'Withdraw the consent of JOSÉ.Ünal@Bücher.example' })
      .click();
    await page.getByText('No consent recorded.').waitFor();
    await page.getByLabel('Address').fill('not an address');
    await page.getByLabel('Proof of consent').fill('x');
    await page.getByRole('button', { name: 'Import the consent' }).click();
    await page.getByText(/not a valid email address/).waitFor();
  });
});
