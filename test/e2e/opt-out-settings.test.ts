import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mailUrls } from '../helpers/mail-urls.js';
import type { TestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import { signUp } from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// A recipient's opt-out as the team sees it: on the do-not-track list, its Remove control
// disabled with the reason, the proof log downloadable; and gone once the recipient alone
// presses "Track me again".

const RECIPIENT = 'JOSÉ.Ünal@ext.example';
/** The list shows the address's key: every spelling of it is one entry. */
const ENTRY = 'josé.ünal@ext.example';

const skip = skipWithoutChromium();

describe('a recipient’s opt-out in the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let senderContext: BrowserContext;
  let recipientContext: BrowserContext;
  let sender: Page;
  let recipient: Page;
  let privacyUrl = '';

  const openDoNotTrack = async () => {
    await sender.goto('/');
    await sender
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await sender.getByRole('link', { name: 'Do-not-track' }).click();
  };
  const row = (text: string) => sender.getByRole('listitem').filter({ hasText: text });

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    browser = await launchChromium();
    senderContext = await newContext(browser, { baseURL: server.url });
    recipientContext = await newContext(browser, { baseURL: server.url });
    sender = await senderContext.newPage();
    recipient = await recipientContext.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the recipient of a tracked mail opts out from its privacy page', async () => {
    await signUp(sender);
    const sent = await sender.request.post('/api/v1/messages', {
      data: {
        to: [{ email: RECIPIENT }],
        subject: 'Offerta',
        html: '<p><a href="https://example.com/offer">Offerta</a></p>',
        tracking: { enabled: true },
        send: true,
      },
    });
    assert.equal(sent.status(), 201);
    const [mail] = await waitUntil(async () => {
      const inbox = await (await sender.request.get('/api/v1/dev/inbox')).json();
      return inbox.messages.length > 0 && inbox.messages;
    }, 'the tracked copy in the dev inbox');
    const raw = await (await sender.request.get(`/api/v1/dev/inbox/${mail.id}/raw`)).body();
    privacyUrl = mailUrls(await simpleParser(raw)).privacy!;

    await recipient.goto(privacyUrl);
    await recipient.getByRole('button', { name: 'Stop tracking me' }).click();
    await recipient.getByRole('heading', { name: 'Done: you are no longer tracked' }).waitFor();
  });

  test('the list shows the opt-out with its Remove disabled and why; admins’ entries stay removable', async () => {
    await openDoNotTrack();
    await sender.getByLabel('Address or @domain').fill('@bank.example');
    await sender.getByRole('button', { name: 'Add to the list' }).click();
    await sender.getByText('@bank.example', { exact: true }).waitFor();

    const own = row(ENTRY);
    await own.getByText('Asked by the recipient').waitFor();
    const remove = own.getByRole('button', { name: `Remove ${ENTRY}` });
    assert.equal(await remove.isDisabled(), true);
    await own.getByText(/only they can undo it/).waitFor();
    // The button is described by the reason, for screen readers too.
    const describedBy = await remove.getAttribute('aria-describedby');
    assert.match(
      (await sender.locator(`[id="${describedBy}"]`).textContent()) ?? '',
      /Track me again/,
    );

    await row('@bank.example').getByRole('button', { name: 'Remove @bank.example' }).click();
    await sender.getByText('@bank.example', { exact: true }).waitFor({ state: 'detached' });
    await row(ENTRY).waitFor();
  });

  test('the proof log downloads as CSV and as JSON, the address as it was written', async () => {
    const csvLink = sender.getByRole('link', { name: 'Download as CSV' });
    assert.equal(await csvLink.getAttribute('href'), '/api/v1/opt-outs.csv');
    const csv = await (await sender.request.get('/api/v1/opt-outs.csv')).text();
    assert.match(csv, new RegExp(`,opt_out,${RECIPIENT},`));

    const [download] = await Promise.all([
      sender.waitForEvent('download'),
      sender.getByRole('button', { name: 'Download as JSON' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'opt-outs.json');
    const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
    assert.deepEqual(
      json.optOuts.map((o: { action: string; email: string }) => [o.action, o.email]),
      [['opt_out', RECIPIENT]],
    );
    assert.match(json.optOuts[0].pageText, /\[Stop tracking me\]/);
  });

  test('only the recipient’s “Track me again” takes the entry off the list', async () => {
    await recipient.goto(privacyUrl);
    // The browser will not send the form before the box is ticked (`required`).
    await recipient.getByRole('button', { name: 'Track me again' }).click();
    assert.equal(
      await recipient
        .getByRole('checkbox')
        .evaluate((box) => (box as unknown as { validity: { valid: boolean } }).validity.valid),
      false,
    );
    await recipient.getByRole('checkbox', { name: /Yes, I want Acme to know again/ }).check();
    await recipient.getByRole('button', { name: 'Track me again' }).click();
    await recipient.getByRole('heading', { name: 'Done: tracking is on again' }).waitFor();

    await openDoNotTrack();
    await sender.getByText('The list is empty.').waitFor();
    const log = await (await sender.request.get('/api/v1/opt-outs')).json();
    assert.deepEqual(
      log.optOuts.map((o: { action: string }) => o.action),
      ['opt_out', 'withdrawal'],
    );
  });
});
