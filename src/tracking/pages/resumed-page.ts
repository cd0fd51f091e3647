import { type ChoicePageInput, renderChoicePage } from './choice-page.js';
import type { RenderedPage } from './types.js';

export type ResumedPageInput = ChoicePageInput;

/** The answer to the "track me again" POST: done, since when, and how to stop it again. */
export function renderResumedPage(input: ResumedPageInput): RenderedPage {
  return renderChoicePage(input, (words) => ({
    title: words.resumedTitle,
    heading: words.resumedHeading,
    since: words.resumedSince,
    more: [],
  }));
}
