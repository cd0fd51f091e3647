import { instrumentHtml } from './instrument-html.js';
import { instrumentText, instrumentTextFromHtml } from './instrument-text.js';
import { LinkRegistry } from './link-registry.js';
import type { InstrumentInput, InstrumentOptions, InstrumentResult } from './types.js';

/** See the module's index.ts. */
export function instrumentMail(
  input: InstrumentInput,
  options: InstrumentOptions = {},
): InstrumentResult {
  const registry = new LinkRegistry(options.clickUrl);
  const result: InstrumentResult = { links: registry.links };
  // The html part goes first, so that its links take the first indices.
  if (input.html !== undefined) result.html = instrumentHtml(input.html, options, registry);
  if (input.text !== undefined) {
    result.text = instrumentText(input.text, options, registry);
  } else if (input.html !== undefined && input.textFromHtml !== false) {
    const text = instrumentTextFromHtml(input.html, options, registry);
    if (text !== undefined) result.text = text;
  }
  return result;
}
