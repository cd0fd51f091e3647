import { escapeHtml } from '../../html/index.js';
import { downloadBlockHtml } from './download-block.js';
import { honeypotLinkHtml } from './honeypot-link.js';
import { lineEnding } from './line-ending.js';
import type { LinkRegistry } from './link-registry.js';
import { trackableUrl, usableBase } from './link-target.js';
import { markBlock } from './markers.js';
import { privacyNoticeHtml } from './privacy-notice.js';
import { scanHtml } from './scan-html.js';
import { applyEdits, type Edit } from './splice.js';
import { trackingPixelHtml } from './tracking-pixel.js';
import type { InstrumentOptions } from './types.js';

function blocksHtml(options: InstrumentOptions, eol: string): string {
  const blocks: string[] = [];
  if (options.download)
    blocks.push(markBlock('download', downloadBlockHtml(options.download, eol)));
  if (options.privacyNotice) {
    const notice = privacyNoticeHtml(options.privacyNotice, options.download !== undefined, eol);
    blocks.push(markBlock('privacy', notice));
  }
  if (options.honeypotUrl !== undefined) {
    blocks.push(markBlock('honeypot', honeypotLinkHtml(options.honeypotUrl)));
  }
  if (options.pixelUrl !== undefined) {
    blocks.push(markBlock('pixel', trackingPixelHtml(options.pixelUrl)));
  }
  return blocks.join('');
}

/** Rewrites the html part's links and inserts the blocks, splicing into the original text. */
export function instrumentHtml(
  html: string,
  options: InstrumentOptions,
  registry: LinkRegistry,
): string {
  const scan = scanHtml(html);
  const base = usableBase(scan.baseHref);
  const edits: Edit[] = [];
  for (const site of scan.hrefs) {
    const url = trackableUrl(site.value, base);
    if (url === undefined) continue;
    const trackingUrl = registry.track(url);
    if (trackingUrl === undefined) continue;
    const value = escapeHtml(trackingUrl);
    edits.push({ start: site.start, end: site.end, text: site.quote ? value : `"${value}"` });
  }
  const blocks = blocksHtml(options, lineEnding(html));
  if (blocks !== '') edits.push({ start: scan.insertAt, end: scan.insertAt, text: blocks });
  return applyEdits(html, edits);
}
