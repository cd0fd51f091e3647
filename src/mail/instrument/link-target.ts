import { containsPlaceholder } from './placeholders.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HTTP = /^https?:\/\//i;

/**
 * The URL string a browser follows for an attribute value: it drops ASCII tabs and newlines
 * anywhere and C0 controls and spaces around. Nothing else is normalised, so IDN hosts, long
 * queries and fragments stay exactly as written.
 */
export function browserUrl(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL standard strips exactly these.
  return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/**
 * An absolute http(s) URL a browser can follow. Control characters are refused: nothing sane
 * carries them, and a redirect could not put them in a header.
 */
export function isHttpUrl(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (!HTTP.test(url) || /[\u0000-\u001f\u007f]/.test(url) || !URL.canParse(url)) return false;
  return new URL(url).hostname !== '';
}

/** The absolute http(s) base of `<base href>`, or `undefined` when it cannot serve as one. */
export function usableBase(baseHref: string | undefined): string | undefined {
  if (baseHref === undefined) return undefined;
  const base = browserUrl(baseHref);
  return isHttpUrl(base) && !containsPlaceholder(base) ? base : undefined;
}

/**
 * The URL to track for a link's decoded value, or `undefined` when the link is left alone: other
 * schemes (mailto, tel, cid, data, javascript…), fragments, placeholders, and relative links
 * with no usable base. Only a relative link is rewritten by the URL parser (resolved against the
 * base); an absolute one is kept as written.
 */
export function trackableUrl(value: string, base: string | undefined): string | undefined {
  const url = browserUrl(value);
  if (url === '' || url.startsWith('#') || containsPlaceholder(url)) return undefined;
  if (SCHEME.test(url)) return isHttpUrl(url) ? url : undefined;
  if (base === undefined || !URL.canParse(url, base)) return undefined;
  const resolved = new URL(url, base).href;
  return isHttpUrl(resolved) ? resolved : undefined;
}
