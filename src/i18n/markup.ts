/** Markup that is already safe to put in a page: every value in it went through escapeHtml. */
export type Html = string;

/** A date for a sentence: the words (Italian picks its article from them) and their markup. */
export interface DateText {
  text: string;
  html: Html;
}
