import { escapeHtml } from '../html/index.js';
import { toLanguage, wording } from '../i18n/index.js';
import type { UserRow } from '../store/index.js';

/** A short mail to one user, in their language: what the system mailer sends. */
export interface AccountMail {
  readonly to: { readonly email: string; readonly name: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * The address of the page that sets a new password with `token`, under `publicUrl` (PUBLIC_URL).
 * The token goes in the fragment (`#token=…`), which browsers never send: it stays out of our
 * access logs, any proxy's, and the Referer header of whatever the page loads or links to (OWASP
 * Forgot Password Cheat Sheet). The page reads it with script and posts it in a body.
 */
export function resetLink(publicUrl: string, token: string): string {
  const url = new URL('/reset-password', publicUrl);
  url.hash = `token=${encodeURIComponent(token)}`;
  return url.href;
}

/** The reset mail for `user`, in their language (users.language), plain text and HTML. */
export function resetMail(user: UserRow, link: string): AccountMail {
  const t = wording(toLanguage(user.language)).account;
  const text = [t.greeting(user.name), '', t.resetIntro, '', link, '', t.resetIgnore, ''].join(
    '\n',
  );
  const html = [
    `<p>${escapeHtml(t.greeting(user.name))}</p>`,
    `<p>${escapeHtml(t.resetIntro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t.resetButton)}</a></p>`,
    `<p>${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(t.resetIgnore)}</p>`,
  ].join('\n');
  return { to: { email: user.email, name: user.name }, subject: t.resetSubject, text, html };
}
