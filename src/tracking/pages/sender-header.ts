import { escapeHtml } from '../../html/index.js';
import { bdi, realEmail, realName, senderName } from './fragments.js';
import type { Html, PageSender, PageWording } from './types.js';

/** `From Mario Rossi <mario@acme.it>` above the card, so the reader knows whose page this is. */
export function fromHeader(sender: PageSender, words: PageWording): Html | undefined {
  const shown = senderName(sender);
  if (shown === undefined) return undefined;
  const email = realEmail(sender);
  const address =
    realName(sender) && email ? ` <span class="muted">&lt;${bdi(email)}&gt;</span>` : '';
  return `<p>${escapeHtml(words.from)} <strong>${shown}</strong>${address}</p>`;
}

/** The organisation's name above the card, on the privacy pages. */
export function organisationHeader(workspaceName: string): Html {
  return `<p><strong>${bdi(workspaceName)}</strong></p>`;
}
