import { instrumentHtml } from './instrument-html.js';
import { instrumentText, instrumentTextFromHtml } from './instrument-text.js';
import { LinkRegistry } from './link-registry.js';
import type { InstrumentInput, InstrumentOptions, InstrumentResult } from './types.js';

/**
 * Whether a composed text part says anything: an empty or white-space-only text (`"text": ""`
 * from an API client, an empty text/plain part of a mail client) is no text part at all, so
 * that html beside it gets its text made from the html rather than a text part holding only
 * the foot. The one place this is decided, for tracked and untracked copies alike.
 */
function saysSomething(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

/** See the module's index.ts. */
export function instrumentMail(
  input: InstrumentInput,
  options: InstrumentOptions = {},
): InstrumentResult {
  const registry = new LinkRegistry(options.clickUrl);
  const result: InstrumentResult = { links: registry.links };
  // The html part goes first, so that its links take the first indices.
  if (input.html !== undefined) result.html = instrumentHtml(input.html, options, registry);
  if (saysSomething(input.text) || (input.text !== undefined && input.html === undefined)) {
    result.text = instrumentText(input.text, options, registry);
  } else if (input.html !== undefined && input.textFromHtml !== false) {
    const text = instrumentTextFromHtml(input.html, options, registry);
    if (text !== undefined) result.text = text;
  }
  return result;
}
