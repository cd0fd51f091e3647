// Clients as the tracking classifier meets them, for tests that make people, image proxies and
// machines hit a mail (through X-Forwarded-For with TRUST_PROXY, for their networks).

/** A desktop mail client loading images: a person's open. */
export const THUNDERBIRD =
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
/** A browser: a person's click or download. */
export const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
/** Gmail's image proxy, fetching for a person who opened (from 66.102.x.x). */
export const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
