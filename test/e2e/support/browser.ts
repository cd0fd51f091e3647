import { existsSync } from 'node:fs';
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
  await context.route(
    (url) =>
      !LOOPBACK.test(url.href) && !url.href.startsWith('data:') && !url.href.startsWith('blob:'),
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}
