import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import type { TestService } from '../helpers/test-service.js';
import { THUNDERBIRD } from '../helpers/user-agents.js';
import {
  launchChromiumWithTabs,
  skipWithoutChromium,
  type TabbedChromium,
} from './support/browser.js';
import { ADA } from './support/flows.js';
import { sendToEachReader } from './support/readers.js';
import { startAppServer } from './support/server.js';
import { ensureWebBuild } from './support/web-build.js';

// Browser notifications (issue 16, point 5): the app asks with a prompt of its own, never on
// load; a live notification that arrives while its tab is in the background becomes a system
// notification naming who did what to which message; while the tab is in front, none.

const SUBJECT = 'Offerta Q4';
const LATER_SUBJECT = 'Listino 2027';

// Records every Notification the page makes (and every permission request), still making the
// real one: a subclass keeps the static `permission` and `requestPermission` of the original.
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const made = [];
  const asked = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      made.push({ title, body: (options && options.body) || '', visibility: document.visibilityState });
    }
    static requestPermission(...args) {
      asked.push(document.visibilityState);
      return Real.requestPermission(...args);
    }
  }
  window.Notification = Recorded;
  window.__notifications = made;
  window.__permissionRequests = asked;
})()`;

const skip = skipWithoutChromium();

describe('desktop notifications in a background tab', { skip }, () => {
  let server: TestService;
  let chromium: TabbedChromium;
  let app: Page;
  let api: HttpClient;
  let pixelOf: (email: string) => string;

  const made = () =>
    app.evaluate<{ title: string; body: string; visibility: string }[]>('window.__notifications');
  /** A person opens their copy in a mail client; the service has processed it on return. */
  const open = async (email: string) => {
    await fetch(onServer(pixelOf(email), server.url), {
      headers: { 'user-agent': THUNDERBIRD },
    });
    await server.service.idle();
  };

  before(async () => {
    ensureWebBuild();
    server = await startAppServer();
    chromium = await launchChromiumWithTabs();
    await chromium.context.addInitScript(RECORD_NOTIFICATIONS);
    app = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    // The browser's own profile has no base URL: addresses are whole. Its session comes from
    // the signup's cookie, set in the profile.
    const signup = await app.request.post(`${server.url}/api/v1/auth/signup`, {
      data: { email: ADA.email, password: ADA.password, name: ADA.name, workspace: ADA.workspace },
    });
    assert.equal(signup.status(), 201, await signup.text());
    api = new HttpClient(server.url);
    await api.post('/api/v1/auth/login', { email: ADA.email, password: ADA.password });
    const sent = await sendToEachReader(server, api, [
      { email: 'mario@example.org', name: 'Mario Rossi', subject: SUBJECT },
      { email: 'luisa@example.org', name: 'Luisa Bianchi', subject: LATER_SUBJECT },
    ]);
    pixelOf = (email) => sent.get(email)!.pixel;
  });

  after(async () => {
    await chromium?.close();
    await server?.close();
  });

  test('offers them with its own explanation and button; nothing asks on load', async () => {
    await app.goto(`${server.url}/notifications`);
    const offer = app.getByRole('region', { name: 'Desktop notifications' });
    await offer.getByText(/while Mailbeacon is in a background tab/).waitFor();
    await app.getByRole('button', { name: /^Notifications/ }).click();
    await app
      .locator('#notification-panel')
      .getByRole('button', { name: 'Turn on desktop notifications' })
      .waitFor();
    await app.keyboard.press('Escape');
    assert.deepEqual(await app.evaluate('window.__permissionRequests'), []);
    await chromium.context.grantPermissions(['notifications'], { origin: server.url });
    await offer.getByRole('button', { name: 'Turn on desktop notifications' }).click();
    await app.getByText('Desktop notifications are on in this browser.').waitFor();
    // The bell's panel offered the same while they were off; now it says nothing of them.
    await app.getByRole('button', { name: /^Notifications/ }).click();
    const panel = app.locator('#notification-panel');
    await panel.getByRole('link', { name: 'See all notifications' }).waitFor();
    assert.equal(
      await panel.getByRole('button', { name: 'Turn on desktop notifications' }).count(),
      0,
    );
    await app.keyboard.press('Escape');
  });

  test('makes none while the tab is in front: the bell tells', async () => {
    await app.bringToFront();
    assert.deepEqual(await app.evaluate('[document.visibilityState, document.hasFocus()]'), [
      'visible',
      true,
    ]);
    await open('mario@example.org');
    // The live notification has arrived when the bell counts it.
    await app.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    assert.deepEqual(await made(), []);
  });

  test('makes one naming the recipient, the action and the message while in the background', async () => {
    const other = await chromium.context.newPage();
    await other.bringToFront();
    // Really hidden, as a background tab is (see launchChromiumWithTabs).
    await app.waitForFunction("document.visibilityState === 'hidden'");
    await open('luisa@example.org');
    await app.waitForFunction('window.__notifications.length > 0');
    const [shown, ...more] = await made();
    assert.deepEqual(more, []);
    assert.equal(shown!.visibility, 'hidden');
    assert.equal(shown!.title, 'Mailbeacon');
    assert.equal(shown!.body, `Luisa Bianchi opened «${LATER_SUBJECT}»`);
    await other.close();
  });
});
