import { type ChoicePageInput, renderChoicePage } from './choice-page.js';
import type { RenderedPage } from './types.js';

export type OptedOutPageInput = ChoicePageInput;

/** The answer to the opt-out POST: done, since when, and what still works. */
export function renderOptedOutPage(input: OptedOutPageInput): RenderedPage {
  return renderChoicePage(input, (words) => ({
    title: words.optedOutTitle,
    heading: words.optedOutHeading,
    since: words.optedOutSince,
    more: [words.keepsWorking],
  }));
}
