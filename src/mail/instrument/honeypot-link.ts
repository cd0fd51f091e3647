import { escapeHtml } from '../../html/index.js';

/**
 * A link no person can see, hear or reach: no text, hidden for every client (mso-hide for
 * Outlook), out of the tab order and the accessibility tree. Only software that follows every
 * href of a mail (security scanners, link checkers) ever requests it.
 */
export function honeypotLinkHtml(url: string): string {
  return `<div aria-hidden="true" style="display:none;max-height:0;max-width:0;overflow:hidden;mso-hide:all;font-size:0;line-height:0;"><a href="${escapeHtml(url)}" tabindex="-1" aria-hidden="true" style="display:none;mso-hide:all;"></a></div>`;
}
