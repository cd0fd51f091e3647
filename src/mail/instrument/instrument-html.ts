import { escapeHtml } from '../../html/index.js';
import { downloadBlockHtml } from './download-block.js';
import { clippedByGmail } from './gmail-clip.js';
import { honeypotLinkHtml } from './honeypot-link.js';
import { lineEnding } from './line-ending.js';
import type { LinkRegistry } from './link-registry.js';
import { trackableUrl, usableBase } from './link-target.js';
import { markBlock } from './markers.js';
import { privacyNoticeHtml, privacyNoticeLineHtml } from './privacy-notice.js';
import { scanHtml } from './scan-html.js';
import { applyEdits, type Edit } from './splice.js';
import { trackingPixelHtml } from './tracking-pixel.js';
import type { InstrumentOptions } from './types.js';

/**
 * Where the pixel and the privacy notice go: `foot`, before `</body>` with the other blocks
 * (every mail Gmail shows whole); `top`, right after `<body …>`, the notice as a short line,
 * for a mail Gmail would clip, where the foot is never seen (gmail-clip.ts).
 */
type Layout = 'foot' | 'top';

function footBlocks(options: InstrumentOptions, eol: string, layout: Layout): string {
  const blocks: string[] = [];
  if (options.download)
    blocks.push(markBlock('download', downloadBlockHtml(options.download, eol)));
  if (options.privacyNotice && layout === 'foot') {
    const notice = privacyNoticeHtml(options.privacyNotice, options.download !== undefined, eol);
    blocks.push(markBlock('privacy', notice));
  }
  // The honeypot is for link scanners, which read the whole mail: it stays at the foot.
  if (options.honeypotUrl !== undefined) {
    blocks.push(markBlock('honeypot', honeypotLinkHtml(options.honeypotUrl)));
  }
  if (options.pixelUrl !== undefined && layout === 'foot') {
    blocks.push(markBlock('pixel', trackingPixelHtml(options.pixelUrl)));
  }
  return blocks.join('');
}

function topBlocks(options: InstrumentOptions): string {
  const blocks: string[] = [];
  if (options.pixelUrl !== undefined) {
    blocks.push(markBlock('pixel', trackingPixelHtml(options.pixelUrl)));
  }
  if (options.privacyNotice) {
    const line = privacyNoticeLineHtml(options.privacyNotice, options.download !== undefined);
    blocks.push(markBlock('privacy', line));
  }
  return blocks.join('');
}

/**
 * Rewrites the html part's links and inserts the blocks, splicing into the original text. The
 * pixel and the notice go at the foot unless the copy would then be clipped by Gmail; then they
 * go at the top (see Layout), and the rest stays at the foot.
 */
export function instrumentHtml(
  html: string,
  options: InstrumentOptions,
  registry: LinkRegistry,
): string {
  const scan = scanHtml(html);
  const base = usableBase(scan.baseHref);
  const links: Edit[] = [];
  for (const site of scan.hrefs) {
    const url = trackableUrl(site.value, base);
    if (url === undefined) continue;
    const trackingUrl = registry.track(url);
    if (trackingUrl === undefined) continue;
    const value = escapeHtml(trackingUrl);
    links.push({ start: site.start, end: site.end, text: site.quote ? value : `"${value}"` });
  }
  const eol = lineEnding(html);
  const laidOut = (layout: Layout): string => {
    const edits = [...links];
    const top = layout === 'top' ? topBlocks(options) : '';
    // Before the foot's insertion, should both fall at one offset (an empty body).
    if (top !== '') edits.push({ start: scan.topAt, end: scan.topAt, text: top });
    const foot = footBlocks(options, eol, layout);
    if (foot !== '') edits.push({ start: scan.insertAt, end: scan.insertAt, text: foot });
    return applyEdits(html, edits);
  };
  const atFoot = laidOut('foot');
  const movable = options.pixelUrl !== undefined || options.privacyNotice !== undefined;
  return movable && clippedByGmail(atFoot) ? laidOut('top') : atFoot;
}
