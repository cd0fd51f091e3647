import { escapeHtml } from '../html/index.js';
import { formatLongDate, toLanguage, wording } from '../i18n/index.js';
import type { UserRow } from '../store/index.js';
import type { AccountMail } from './reset-mail.js';

/**
 * The invitation mailed to `email`, worded in the inviting admin's language (the invitee has no
 * profile yet), with the signup link `link` and its end `expiresAt` (epoch ms). Plain text and
 * HTML; every name escaped.
 */
export function inviteMail(
  email: string,
  inviter: UserRow,
  workspaceName: string,
  link: string,
  expiresAt: number,
): AccountMail {
  const language = toLanguage(inviter.language);
  const t = wording(language).account;
  const until = t.inviteExpires(formatLongDate(new Date(expiresAt), language));
  const intro = t.inviteIntro(inviter.name, workspaceName);
  const text = [t.inviteGreeting, '', intro, '', link, '', until, ''].join('\n');
  const html = [
    `<p>${escapeHtml(t.inviteGreeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t.inviteButton)}</a></p>`,
    `<p>${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(until)}</p>`,
  ].join('\n');
  return {
    to: { email, name: '' },
    subject: t.inviteSubject(inviter.name, workspaceName),
    text,
    html,
  };
}
