import { downloadBlockText } from './download-block.js';
import { lineEnding } from './line-ending.js';
import type { LinkRegistry } from './link-registry.js';
import { isHttpUrl } from './link-target.js';
import { privacyNoticeText } from './privacy-notice.js';
import { applyEdits, type Edit } from './splice.js';
import { findTextUrls } from './text-urls.js';
import type { InstrumentOptions } from './types.js';

/** Rewrites the text part's URLs and appends the download block and the notice as text. */
export function instrumentText(
  text: string,
  options: InstrumentOptions,
  registry: LinkRegistry,
): string {
  const edits: Edit[] = [];
  for (const found of findTextUrls(text)) {
    if (!isHttpUrl(found.url)) continue;
    const trackingUrl = registry.track(found.url);
    if (trackingUrl !== undefined)
      edits.push({ start: found.start, end: found.end, text: trackingUrl });
  }
  const eol = lineEnding(text);
  const blocks: string[] = [];
  if (options.download) blocks.push(downloadBlockText(options.download, eol));
  if (options.privacyNotice) {
    blocks.push(privacyNoticeText(options.privacyNotice, options.download !== undefined));
  }
  if (blocks.length > 0) {
    const separator = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
    edits.push({
      start: text.length,
      end: text.length,
      text: `${separator}${blocks.join(eol + eol)}${eol}`,
    });
  }
  return applyEdits(text, edits);
}
