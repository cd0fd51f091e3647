import { downloadBlockText } from './download-block.js';
import { lineEnding } from './line-ending.js';
import type { LinkRegistry } from './link-registry.js';
import { isHttpUrl } from './link-target.js';
import { privacyNoticeText } from './privacy-notice.js';
import { applyEdits, type Edit } from './splice.js';
import { textFromHtml } from './text-from-html.js';
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
  const foot = footEdit(text, options);
  if (foot) edits.push(foot);
  return applyEdits(text, edits);
}

/**
 * The text part of a copy whose message has html and no text: made from the original html
 * (text-from-html.ts), then given this copy's tracking URLs and the same foot as a composed text
 * part. Call it after instrumentHtml with the same registry: a link is tracked here only when the
 * html tracked it, and a link the html tracked but the conversion shows nowhere (an Outlook-only
 * VML button, an `<area>`) is listed after the body, so that both parts carry one set of tracked
 * links. The honeypot and the pixel never reach the text: they are not in the original html.
 * Undefined when there is nothing to say (html with no text, no links, no foot).
 */
export function instrumentTextFromHtml(
  html: string,
  options: InstrumentOptions,
  registry: LinkRegistry,
): string | undefined {
  const derived = textFromHtml(html);
  const edits: Edit[] = [];
  const shown = new Set<string>();
  for (const site of derived.links) {
    if (!registry.has(site.url)) continue;
    shown.add(site.url);
    const trackingUrl = registry.track(site.url);
    if (trackingUrl !== undefined) edits.push({ ...site, text: trackingUrl });
  }
  const unshown = registry.links
    .filter((link) => !shown.has(link.url))
    .map((link) => registry.track(link.url) ?? link.url);
  let text = applyEdits(derived.text, edits);
  if (unshown.length > 0) text = [text, unshown.join('\n')].filter(Boolean).join('\n\n');
  const foot = footEdit(text, options);
  const result = foot ? applyEdits(text, [foot]) : text;
  return result.trim() === '' ? undefined : result;
}

/** The download block and the notice appended to a text part, in its own line endings. */
function footEdit(text: string, options: InstrumentOptions): Edit | undefined {
  const eol = lineEnding(text);
  const blocks: string[] = [];
  if (options.download) blocks.push(downloadBlockText(options.download, eol));
  if (options.privacyNotice) {
    blocks.push(privacyNoticeText(options.privacyNotice, options.download !== undefined));
  }
  if (blocks.length === 0) return undefined;
  const separator = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
  return {
    start: text.length,
    end: text.length,
    text: `${separator}${blocks.join(eol + eol)}${eol}`,
  };
}
