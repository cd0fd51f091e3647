/**
 * Realistic traffic on tracking URLs, as a list of requests for the load generator. Each kind
 * of client comes from its own network (X-Forwarded-For; the service runs with TRUST_PROXY) and
 * says what it is the way it does in the wild (docs/classification.md lists the sources):
 *
 * opens  — people's mail clients 55 %, Gmail's image proxy 20 %, Apple's privacy prefetch 15 %,
 *          security scanners fetching the pixel 10 %;
 * clicks — people in a browser 60 %, scanner bursts (every link of a copy within milliseconds,
 *          from a mail gateway's network) 30 %, link checkers' HEAD requests 10 %.
 *
 * Requests rotate over all the copies given, so history and caches see as many copies as a
 * real installation would. Deterministic: the same copies give the same list.
 */
import type { LoadRequest } from './load.js';
import type { SeededCopy } from './seed.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const OUTLOOK = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)';
const APPLE_MAIL =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SCANNER = 'python-requests/2.31.0';
const LINK_CHECKER = 'Mozilla/5.0 (compatible; LinkChecker/10.2)';

const NAVIGATION = {
  'user-agent': CHROME,
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'it-IT,it;q=0.9,en;q=0.8',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'none',
  'sec-fetch-user': '?1',
};

/** A person's address: a different one per copy, in residential space. */
const personIp = (n: number) => `93.${40 + (n % 50)}.${(n >> 8) % 256}.${n % 250}`;

/** The open requests of a mix, at least `count` long. */
export function openMix(copies: readonly SeededCopy[], count = copies.length): LoadRequest[] {
  const requests: LoadRequest[] = [];
  for (let n = 0; n < Math.max(count, copies.length); n++) {
    const copy = copies[n % copies.length]!;
    const slot = n % 20;
    const image = { accept: 'image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5' };
    if (slot < 11) {
      const ua = [THUNDERBIRD, OUTLOOK, APPLE_MAIL][n % 3]!;
      requests.push({
        path: copy.pixel,
        headers: { 'user-agent': ua, ...image, 'x-forwarded-for': personIp(n) },
      });
    } else if (slot < 15) {
      requests.push({
        path: copy.pixel,
        headers: { 'user-agent': GMAIL_PROXY, 'x-forwarded-for': `66.102.${n % 16}.${n % 250}` },
      });
    } else if (slot < 18) {
      requests.push({
        path: copy.pixel,
        headers: { 'user-agent': 'Mozilla/5.0', 'x-forwarded-for': `17.58.${n % 64}.${n % 250}` },
      });
    } else {
      requests.push({
        path: copy.pixel,
        headers: { 'user-agent': SCANNER, 'x-forwarded-for': `40.107.${n % 32}.${n % 250}` },
      });
    }
  }
  return requests;
}

/** The click requests of a mix, at least `count` long. */
export function clickMix(copies: readonly SeededCopy[], count = copies.length): LoadRequest[] {
  const requests: LoadRequest[] = [];
  for (let n = 0; requests.length < Math.max(count, copies.length); n++) {
    const copy = copies[n % copies.length]!;
    const slot = n % 10;
    if (slot < 6) {
      requests.push({
        path: copy.clicks[n % copy.clicks.length]!,
        headers: { ...NAVIGATION, 'x-forwarded-for': personIp(n) },
      });
    } else if (slot < 9) {
      // A gateway's scanner follows every link of the copy, and the hidden one, at once.
      const ip = `40.107.${n % 32}.${n % 250}`;
      for (const path of [...copy.clicks, copy.honeypot]) {
        requests.push({ path, headers: { 'user-agent': SCANNER, 'x-forwarded-for': ip } });
      }
    } else {
      requests.push({
        method: 'HEAD',
        path: copy.clicks[0]!,
        headers: { 'user-agent': LINK_CHECKER, 'x-forwarded-for': `52.${n % 200}.1.${n % 250}` },
      });
    }
  }
  return requests;
}

/** People's opens only, one per copy: each one notifies (the notification scenario). */
export function peopleOpens(copies: readonly SeededCopy[]): LoadRequest[] {
  return copies.map((copy, n) => ({
    path: copy.pixel,
    headers: { 'user-agent': THUNDERBIRD, 'x-forwarded-for': personIp(n) },
  }));
}
