import { escapeHtml } from '../../html/index.js';
import { wording } from '../../i18n/index.js';
import { plainLine } from './plain-line.js';
import type { PrivacyNoticeOptions } from './types.js';

/** The sentence before the link; empty (`text: ''`) for the link alone. */
function sentence(notice: PrivacyNoticeOptions, withAttachments: boolean): string {
  return notice.text ?? wording(notice.language).mail.privacyNotice(withAttachments);
}

/** The sentence and what follows it, with no space before an empty sentence's follower. */
function joined(first: string, second: string): string {
  return first === '' ? second : `${first} ${second}`;
}

function linkLabel(notice: PrivacyNoticeOptions): string {
  return notice.linkLabel ?? wording(notice.language).mail.stopTracking;
}

/** The foot notice: what the mail reports to its sender, and the way to stop it. */
export function privacyNoticeHtml(
  notice: PrivacyNoticeOptions,
  withAttachments: boolean,
  eol: string,
): string {
  const stop = escapeHtml(linkLabel(notice));
  return [
    '',
    '<table role="presentation" align="center" width="100%" border="0" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;">',
    `<tr><td align="center" style="padding:16px 16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#6b7280;">${joined(escapeHtml(sentence(notice, withAttachments)), `<a href="${escapeHtml(notice.url)}" target="_blank" style="color:#6b7280;text-decoration:underline;">${stop}</a>`)}</td></tr>`,
    '</table>',
    '',
  ].join(eol);
}

/**
 * The notice as one short line, for the top of a mail Gmail would clip (instrument-html.ts): the
 * same sentence and link as the foot notice, in small print, without the foot's table.
 */
export function privacyNoticeLineHtml(
  notice: PrivacyNoticeOptions,
  withAttachments: boolean,
): string {
  const stop = escapeHtml(linkLabel(notice));
  return `<div style="padding:4px 16px;font-family:Arial,Helvetica,sans-serif;font-size:11px;line-height:16px;color:#6b7280;text-align:center;">${joined(escapeHtml(sentence(notice, withAttachments)), `<a href="${escapeHtml(notice.url)}" target="_blank" style="color:#6b7280;text-decoration:underline;">${stop}</a>`)}</div>`;
}

export function privacyNoticeText(notice: PrivacyNoticeOptions, withAttachments: boolean): string {
  const stop = linkLabel(notice);
  return joined(plainLine(sentence(notice, withAttachments)), `${stop}: ${plainLine(notice.url)}`);
}
