import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No sandbox (CI runs as root), and nothing that reaches out of the machine.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--dns-prefetch-disable',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * A browser suite's `skip` option: a reason to skip where Chromium is not installed, except in
 * CI, where a missing browser must fail rather than pass unseen.
 */
export function skipWithoutChromium(): string | false {
  return !chromiumAvailable() && process.env.CI !== 'true'
    ? 'Chromium is not installed (apt-get install chromium)'
    : false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * A desktop Chrome's user agent for this Chromium: the headless one says "HeadlessChrome", and
 * the tracking classifier rightly takes that for a scanner, not a person reading mail.
 */
function personUserAgent(browser: Browser): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
}

const LOOPBACK = /^(?:https?|wss?):\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//;

/**
 * A fresh browser profile: its own cookies, English unless asked, a laptop-sized window. It
 * reaches this machine only: anything else a page asks for is refused before it leaves.
 */
export async function newContext(
  browser: Browser,
  options: {
    locale?: string;
    baseURL: string;
    width?: number;
    height?: number;
    /** Ignore pages' Content-Security-Policy, to see what the markup alone would do. */
    bypassCSP?: boolean;
  },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    bypassCSP: options.bypassCSP ?? false,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    userAgent: personUserAgent(browser),
    acceptDownloads: true,
  });
  await keepToLoopback(context);
  return context;
}

/** Refuses, before it leaves, anything a page of `context` asks of another machine. */
async function keepToLoopback(context: BrowserContext): Promise<void> {
  await context.route(
    (url) =>
      !LOOPBACK.test(url.href) && !url.href.startsWith('data:') && !url.href.startsWith('blob:'),
    (route) => route.abort('blockedbyclient'),
  );
}

/** A Chromium whose tabs go to the background as a person's do, and its one profile. */
export interface TabbedChromium {
  readonly browser: Browser;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium in which a tab behind another one is really hidden (`document.visibilityState` is
 * 'hidden', `visibilitychange` fires). Playwright keeps every page it drives visible: it turns
 * on DevTools focus emulation (`Emulation.setFocusEmulationEnabled`) for each page, and Chromium
 * keeps a page with focus emulation visible even in a background tab (turning it off again
 * from another DevTools session clears the focus but not the visibility). So this launches
 * Chromium itself with a DevTools port and attaches with `connectOverCDP({noDefaults: true})`,
 * which leaves focus emulation off in the browser's own (default) profile: `bringToFront` on
 * another tab then hides this one, as switching tabs does.
 */
export async function launchChromiumWithTabs(): Promise<TabbedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'mailbeacon-chromium-'));
  const child = spawn(
    CHROMIUM,
    [
      ...ARGS,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      said += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${said}`)));
    child.once('error', reject);
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default profile');
  await keepToLoopback(context);
  return {
    browser,
    context,
    async close() {
      const exited =
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null;
      await browser.close();
      child.kill();
      await exited;
      await rm(profile, { recursive: true, force: true });
    },
  };
}
