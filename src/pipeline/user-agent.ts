import Bowser from 'bowser';
import { Lru } from '../lru.js';

export interface ClientInfo {
  readonly browser: string | null;
  readonly browserVersion: string | null;
  readonly os: string | null;
  readonly osVersion: string | null;
  /** desktop, mobile, tablet, tv, bot… as far as the string tells. */
  readonly device: string | null;
}

const MAX_CACHED = 5000;

const GMAIL_PROXY = 'Gmail image proxy';
const YAHOO_PROXY = 'Yahoo image proxy';
const IMAGE_PROXIES = new Set([GMAIL_PROXY, YAHOO_PROXY]);

/**
 * The client as people should read it. An image proxy fetches for a reader it does not describe:
 * Gmail's says it is Firefox 11 on Windows XP (`Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko
 * Firefox/11.0 (via ggpht.com GoogleImageProxy)`), which the timeline showed as "Windows XP —
 * desktop". For a proxy only its name is kept. Applied when a hit is parsed and again when a
 * stored client is shown, so events stored before this rule read the same.
 */
export function clientAsShown(info: ClientInfo): ClientInfo {
  if (info.browser === null || !IMAGE_PROXIES.has(info.browser)) return info;
  return { browser: info.browser, browserVersion: null, os: null, osVersion: null, device: null };
}

/**
 * Mail clients and image proxies that general browser parsers misname (Bowser calls Thunderbird
 * "Mozilla" and Apple Mail "Safari"): checked first, in order.
 */
const MAIL_CLIENTS: readonly { name: string; pattern: RegExp }[] = [
  { name: GMAIL_PROXY, pattern: /GoogleImageProxy/i },
  { name: YAHOO_PROXY, pattern: /YahooMailProxy/i },
  { name: 'Thunderbird', pattern: /Thunderbird\/([\d.]+)/ },
  {
    name: 'Outlook',
    pattern:
      /Microsoft Outlook[ /]([\d.]+)|MSOffice ([\d.]+)|Outlook-iOS\/([\d.]+)|Outlook-Android\/([\d.]+)/,
  },
  { name: 'Windows Mail', pattern: /Windows Mail|Microsoft Windows Live Mail/ },
  { name: 'Airmail', pattern: /Airmail[ /]([\d.]+)/ },
  { name: 'Spark', pattern: /Spark\/([\d.]+)/ },
  // WebKit without a browser's Version/…Safari token: the Mail app's web view on Apple systems.
  {
    name: 'Apple Mail',
    pattern:
      /^Mozilla\/5\.0 \((?:Macintosh|iPhone|iPad)[^)]*\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?: Mobile\/\w+)?$/,
  },
];
const cache = new Lru<string, ClientInfo>(MAX_CACHED);

/**
 * The client a User-Agent names, parsed once per distinct string: mail clients and proxies send
 * few distinct strings, so the cache answers nearly every hit.
 */
export function parseClient(userAgent: string | undefined): ClientInfo | null {
  if (!userAgent) return null;
  const cached = cache.peek(userAgent);
  if (cached) return cached;
  const parsed = Bowser.parse(userAgent);
  const mail = MAIL_CLIENTS.map(({ name, pattern }) => ({
    name,
    match: pattern.exec(userAgent),
  })).find((candidate) => candidate.match);
  const info: ClientInfo = clientAsShown({
    browser: mail?.name ?? parsed.browser.name ?? null,
    browserVersion: mail
      ? (mail.match!.slice(1).find(Boolean) ?? null)
      : (parsed.browser.version ?? null),
    os: parsed.os.name ?? null,
    osVersion: parsed.os.versionName ?? parsed.os.version ?? null,
    device: parsed.platform.type ?? null,
  });
  cache.set(userAgent, info);
  return info;
}
