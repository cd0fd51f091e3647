// The openings of the merge tags of common templating languages and sending tools: {{…}}
// (Handlebars, Mustache, Liquid output), {%…%} (Liquid, Jinja), *|…|* (Mailchimp), %%…%%
// (Salesforce Marketing Cloud), [[…]], ${…}, {$…}, <%…%> (ERB, ASP), and the same openings
// percent-encoded, as editors leave them in hrefs. A URL holding one is filled in later by
// someone else: it is not ours to rewrite, and rewriting part of it would break it.
const OPENING =
  '\\{\\{|\\{%|\\*\\||%%|\\[\\[|\\$\\{|\\{\\$|<%|%7B%7B|%7B%25|%2A%7C|%25%25|%5B%5B|%24%7B|%3C%25';
const ANYWHERE = new RegExp(OPENING, 'i');
const AT_START = new RegExp(`^(?:${OPENING})`, 'i');

export function containsPlaceholder(value: string): boolean {
  return ANYWHERE.test(value);
}

/** Whether a placeholder opens at `index` of `text` (right after a URL, in a text part). */
export function placeholderAt(text: string, index: number): boolean {
  return AT_START.test(text.slice(index, index + 6));
}
