import { escapeHtml } from '../../html/index.js';
import { mailtoAddress } from './mailto.js';
import type { Html, PageSender, PageWording } from './types.js';

// Values from a mail are isolated with <bdi>, so a right-to-left override in a file name or a
// subject cannot flip the words around it (or make `cod.exe` read as `exe.doc`).
export function bdi(value: string): Html {
  return `<bdi>${escapeHtml(value)}</bdi>`;
}

// A copy may lack a sender name, and (from a misconfigured workspace) even an address: the
// pages then leave out what they cannot say rather than print an empty name or a dead link.

export function realName(sender: PageSender): string | undefined {
  return sender.name?.trim() || undefined;
}

export function realEmail(sender: PageSender): string | undefined {
  return sender.email.trim() || undefined;
}

/** The sender's name, or their address when the mail had no name. */
export function senderName(sender: PageSender): Html | undefined {
  const shown = realName(sender) ?? realEmail(sender);
  return shown === undefined ? undefined : bdi(shown);
}

/** A `mailto:` link showing the address itself. */
export function emailLink(email: string, href = mailtoAddress(email)): Html {
  return `<a href="${escapeHtml(href)}">${bdi(email)}</a>`;
}

/** `Mario Rossi (mario@acme.it)` with the address as a link; whichever of the two there is. */
export function senderWithAddress(sender: PageSender): Html | undefined {
  const name = realName(sender);
  const email = realEmail(sender);
  if (name === undefined) return email === undefined ? undefined : emailLink(email);
  return email === undefined ? bdi(name) : `${bdi(name)} (${emailLink(email)})`;
}

/** The subject in quotation marks, or the words for none. */
export function quotedSubject(subject: string, words: PageWording): Html {
  return subject.trim() ? words.quote(bdi(subject)) : escapeHtml(words.noSubject);
}

/** Subject as plain text for the page title. */
export function subjectText(subject: string, words: PageWording): string {
  return subject.trim() ? subject.trim() : words.noSubject;
}
