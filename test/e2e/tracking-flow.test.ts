import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService } from '../helpers/test-service.js';
import { waitUntil } from '../helpers/wait.js';
import { launchChromium, newContext, skipWithoutChromium } from './support/browser.js';
import {
  addRecipient,
  attach,
  clickInMail,
  mailImagesLoaded,
  openMailAs,
  setTracking,
  signUp,
  waitForText,
  writeBody,
} from './support/flows.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// The seed's feature end to end, in real Chromium: a sender composes a tracked mail with an
// attachment; the recipient, in another browser profile, opens it in the dev inbox, clicks and
// downloads; the sender's page is told live. Then mute, and an expired link.

const SUBJECT = 'Offer Q4';
const FILE = 'price-list.txt';
const FILE_BODY = 'Widgets: 12 EUR\n';
// Clicks within two seconds of another hit read as a scanner's burst: a person is slower.
const HUMAN_PAUSE_MS = 2_600;

const skip = skipWithoutChromium();

describe('tracked mail in the web app', { skip }, () => {
  let server: TestService;
  let browser: Browser;
  let senderContext: BrowserContext;
  let recipientContext: BrowserContext;
  let sender: Page;
  let recipient: Page;
  let downloadTab: Page;
  let messageId = '';

  const bell = () => sender.getByRole('button', { name: /^Notifications/ });
  const unread = async () => {
    const label = (await bell().getAttribute('aria-label')) ?? '';
    return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
  };
  const timeline = () => sender.getByRole('list', { name: 'Activity' });
  const pause = () => new Promise((resolve) => setTimeout(resolve, HUMAN_PAUSE_MS));

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

  test('the sender signs up and lands on the sent messages', async () => {
    await signUp(sender);
    await sender.getByText('No messages yet.').waitFor();
  });

  test('a do-not-track domain is marked on its recipients before sending', async () => {
    await sender
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await sender.getByRole('link', { name: 'Do-not-track' }).click();
    await sender.getByLabel('Address or @domain').fill('@bank.example');
    await sender.getByRole('button', { name: 'Add to the list' }).click();
    await sender.getByText('@bank.example', { exact: true }).waitFor();
  });

  test('composes with tracking on and an attachment, and sends', async () => {
    await sender
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Compose' })
      .click();
    await addRecipient(sender, 'To', 'Mario Rossi <mario@example.org>');
    await sender.getByRole('button', { name: 'Add Cc' }).click();
    await addRecipient(sender, 'Cc', 'office@bank.example');
    await sender.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
    await writeBody(sender, 'Hello Mario, here is', 'the offer', `${server.url}/healthz`);
    // A file dropped on the view is attached too; this one is taken off again.
    const drop = await sender.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['draft'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    })()`);
    await sender.locator('.drop-zone').dispatchEvent('dragenter', { dataTransfer: drop });
    await sender.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: drop });
    await sender.getByRole('button', { name: 'Remove dropped.txt' }).click();
    await attach(sender, FILE, FILE_BODY);

    await sender.getByText('Tracking is off').waitFor();
    await setTracking(sender, true);
    const notice = sender.getByRole('region', { name: 'Tracking is on' });
    await waitForText(notice, 'the link is valid for 30 days');
    await waitForText(notice, /banks, public institutions/);
    // The bank's address is on the list: marked, and explained, before sending.
    await sender.locator('.address-chip.untracked', { hasText: 'office@bank.example' }).waitFor();
    await waitForText(notice, '1 recipient is on the do-not-track list');
    await sender.getByRole('button', { name: 'Remove office@bank.example' }).click();

    await sender.getByRole('button', { name: 'Send', exact: true }).click();
    await sender.getByRole('heading', { name: SUBJECT }).waitFor();
    messageId = /\/messages\/([^/?#]+)/.exec(sender.url())?.[1] ?? '';
    assert.ok(messageId, `the message view opens after sending (${sender.url()})`);
  });

  test('after sending, the Tracking switch is gone from the menu, with the reason', async () => {
    await sender.getByRole('button', { name: 'Message actions' }).click();
    const menu = sender.getByRole('menu', { name: 'Message actions' });
    await waitForText(menu, 'It cannot be changed after sending');
    assert.equal(await menu.getByRole('menuitemcheckbox').count(), 0);
    await menu.getByRole('menuitem', { name: 'Disable tracking notifications' }).waitFor();
    await sender.keyboard.press('Escape');
    await waitForText(sender.locator('table.recipients'), 'Delivered to the server', 20_000);
  });

  test("viewing one's own message never counts as an open", async () => {
    await sender.getByText('Message as written').click();
    await sender.locator('.preview iframe').waitFor();
    await sender.reload();
    await waitForText(sender.getByRole('region', { name: 'Activity' }), 'Nothing yet');
    const events = await senderContext.request.get(`/api/v1/messages/${messageId}/events`);
    assert.deepEqual((await events.json()).events, []);
  });

  test('the recipient opens the mail in the dev inbox, images loading', async () => {
    await openMailAs(recipient, server.url, SUBJECT, 'mario@example.org');
    await waitUntil(() => mailImagesLoaded(recipient), 'the mail’s images to load');
    await waitUntil(async () => (await unread()) >= 1, 'the open notification', 15_000);
    await waitForText(sender.getByRole('region', { name: 'Chat' }), /opened/);
    await waitForText(sender.locator('table.recipients'), 'Opened ×1');
  });

  test('clicks a link and downloads the file; the sender is told of each without reload', async () => {
    await pause();
    const landed = await clickInMail(recipient, recipientContext, 'the offer');
    assert.match(await landed.content(), /"status":"ok"/);
    await landed.close();
    await waitUntil(async () => (await unread()) >= 2, 'the click notification', 15_000);

    await pause();
    downloadTab = await clickInMail(recipient, recipientContext, 'Download');
    const [download] = await Promise.all([
      downloadTab.waitForEvent('download'),
      downloadTab
        .getByRole('button', { name: new RegExp(FILE.replace('.', '\\.')) })
        .first()
        .click(),
    ]);
    assert.equal(await readFile((await download.path())!, 'utf8'), FILE_BODY);
    await waitUntil(async () => (await unread()) >= 3, 'the download notification', 15_000);

    await bell().click();
    const panel = sender.getByRole('region', { name: 'Notifications' });
    await waitForText(panel, /opened/);
    await waitForText(panel, /clicked/);
    await waitForText(panel, /downloaded price-list\.txt/);
    await sender.keyboard.press('Escape');
    assert.equal(await unread(), 0, 'opening the panel reads them');
    for (const type of ['Opened', 'Clicked', 'Downloaded']) {
      await waitForText(timeline(), type);
    }
    await waitForText(timeline(), 'Person');
    // Each label shown is explained in words beside the list, not only in a tooltip.
    const legend = sender
      .getByRole('definition')
      .filter({ hasText: 'A person, as far as can be told' });
    await legend.waitFor();
    await waitForText(sender.locator('.label-legend'), 'Person');
  });

  test('after muting, a click shows in the timeline but brings no notification', async () => {
    await sender.getByRole('button', { name: 'Message actions' }).click();
    await sender.getByRole('menuitem', { name: 'Disable tracking notifications' }).click();
    await sender.getByText('You disabled tracking notifications for this message').waitFor();
    const before = await senderContext.request.get('/api/v1/notifications');
    const { notifications: seen } = await before.json();

    await pause();
    const landed = await clickInMail(recipient, recipientContext, 'the offer');
    await landed.close();
    await waitUntil(
      async () => (await timeline().locator('li', { hasText: 'Clicked' }).count()) === 2,
      'the second click in the timeline',
      15_000,
    );
    // Well past the fan-out of that click: still nothing new, nothing folded.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const later = await senderContext.request.get('/api/v1/notifications');
    assert.deepEqual((await later.json()).notifications, seen);
    assert.equal(await unread(), 0);
  });

  test('an expired link shows the 410 page and the sender is notified', async () => {
    await sender.getByRole('button', { name: 'Message actions' }).click();
    await sender.getByRole('menuitem', { name: 'Enable tracking notifications' }).click();
    await sender.getByText('You disabled tracking notifications').waitFor({ state: 'detached' });

    await sender.getByRole('button', { name: `Change the download link of ${FILE}` }).click();
    const dialog = sender.getByRole('dialog', { name: `Download link of ${FILE}` });
    await dialog.getByRole('button', { name: 'End the link now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForText(sender.getByRole('region', { name: 'Attachments' }), 'Link expired');
    await waitForText(
      sender.getByRole('region', { name: 'Chat' }),
      /ended the link to .*: it no longer works/,
    );

    await pause();
    const response = await downloadTab.reload();
    assert.equal(response?.status(), 410);
    await waitForText(downloadTab.locator('body'), /expired/i);
    await waitUntil(async () => (await unread()) >= 1, 'the expired-link notification', 15_000);
    await bell().click();
    await waitForText(
      sender.getByRole('region', { name: 'Notifications' }),
      /after the link expired/,
    );
    await sender.keyboard.press('Escape');
    await waitForText(timeline(), 'Tried an expired link');
  });

  test('a link checker’s click shows apart from the person’s clicks', async () => {
    const href = await recipient
      .frameLocator('iframe.body')
      .getByRole('link', { name: 'the offer' })
      .getAttribute('href');
    assert.ok(href, 'the tracked link in the mail');
    // A HEAD request is a link checker at work, whatever it says it is: a machine's click.
    const checked = await fetch(new URL(href, server.url), { method: 'HEAD', redirect: 'manual' });
    assert.equal(checked.status, 302);

    const row = sender.locator('table.recipients tbody tr', { hasText: 'mario@example.org' });
    const clicks = row.locator('td[data-label="Clicks"]');
    await waitForText(clicks, '+1 by machines');
    // People's clicks stay the headline number; the machine's is not among them.
    assert.equal(await clicks.locator('.count-people').textContent(), '2');
    assert.equal(await row.locator('td[data-label="Opens"]').textContent(), '1');
    await waitForText(row.locator('.chip'), 'By machines: 1 click');
    await waitForText(row.locator('.chip'), 'Clicked ×2');
    await waitForText(sender.locator('.counts-note'), /count people only/);
    await waitForText(
      sender.locator('.label-legend'),
      /Not the recipient: a scanner, checker or prefetch/,
    );
    await waitForText(timeline().locator('li', { hasText: 'a link checker' }), 'Machine');

    const message = await (await senderContext.request.get(`/api/v1/messages/${messageId}`)).json();
    const mario = message.recipients.find(
      (r: { email: string }) => r.email === 'mario@example.org',
    );
    assert.deepEqual(
      { opens: mario.opens, clicks: mario.clicks, machine: mario.machine },
      { opens: 1, clicks: 2, machine: { opens: 0, clicks: 1, downloads: 0 } },
    );

    // The sent list tells the same: people's states, and the machine's apart.
    await sender
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sent' })
      .click();
    const item = sender.locator('.message-row', { hasText: SUBJECT });
    await waitForText(item.locator('.chip'), 'Clicked ×2');
    await waitForText(item.locator('.chip'), 'By machines: 1 click');
  });

  test('the overview counts today’s people apart from machines', async () => {
    const stats = await (await senderContext.request.get('/api/v1/stats/daily?days=30')).json();
    const today = stats.days.at(-1);
    assert.equal(stats.days.length, 30);
    assert.equal(today.date, new Date().toISOString().slice(0, 10));
    assert.deepEqual(
      {
        sent: today.sent,
        opened: today.opened,
        clicked: today.clicked,
        downloaded: today.downloaded,
      },
      {
        sent: 1,
        opened: { people: 1, machines: 0 },
        clicked: { people: 1, machines: 1 },
        downloaded: { people: 1, machines: 0 },
      },
    );
    await sender
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await waitForText(sender.locator('.totals'), /Opened\s*1\s*people/);
    await waitForText(
      sender.locator('.totals li', { hasText: 'Clicked' }),
      /1\s*people · \+1 machines/,
    );
  });
});
