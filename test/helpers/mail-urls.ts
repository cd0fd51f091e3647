import type { ParsedMail } from 'mailparser';

/** The tracking URLs a recipient's copy carries, as the recipient's client would find them. */
export interface MailUrls {
  pixel: string;
  /** Visible links, in order, rewritten to click URLs. */
  clicks: string[];
  honeypot: string | undefined;
  download: string | undefined;
  privacy: string | undefined;
}

export function mailUrls(parsed: ParsedMail): MailUrls {
  const html = parsed.html || '';
  const honeypotBlock = /<!--mb:honeypot-->([\s\S]*?)<!--\/mb:honeypot-->/.exec(html)?.[1] ?? '';
  const honeypot = /href="([^"]+)"/.exec(honeypotBlock)?.[1];
  const visible = html.replace(/<!--mb:honeypot-->[\s\S]*?<!--\/mb:honeypot-->/, '');
  const hrefs = [...visible.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  const pixel = /<img src="([^"]+\/t\/o\/[^"]+)"/.exec(html)?.[1];
  if (!pixel) throw new Error('no open pixel in the mail');
  return {
    pixel,
    clicks: [...new Set(hrefs.filter((h) => h.includes('/t/c/')))],
    honeypot,
    download: hrefs.find((h) => h.includes('/t/d/')),
    privacy: hrefs.find((h) => h.includes('/t/p/')),
  };
}

/** The same path on the server under test (the mail's base may name another host or port). */
export function onServer(url: string, server: string): string {
  const parsed = new URL(url);
  return new URL(parsed.pathname + parsed.search, server).href;
}
