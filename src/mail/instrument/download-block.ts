import { escapeHtml } from '../../html/index.js';
import { formatFileSize, formatLongDate, wording } from '../../i18n/index.js';
import { plainLine } from './plain-line.js';
import type { DownloadOptions } from './types.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const BUTTON = '#1d4ed8';

function expiryLine(download: DownloadOptions): string {
  const date = formatLongDate(download.expiresAt, download.language, download.timeZone);
  return wording(download.language).mail.expiresOn(date);
}

// Outlook for Windows draws with Word, which ignores padding and border-radius on links: it gets
// a VML round rectangle, every other client the styled link (hidden from Outlook by mso-hide).
// This is the "bulletproof button" of Campaign Monitor's buttons.cm.
function buttonHtml(url: string, label: string): string {
  return [
    `<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="urn:schemas-microsoft-com:office:word" href="${url}" style="height:44px;v-text-anchor:middle;width:260px;" arcsize="10%" strokecolor="${BUTTON}" fillcolor="${BUTTON}"><w:anchorlock/><center style="color:#ffffff;${FONT}font-size:15px;font-weight:bold;">${label}</center></v:roundrect><![endif]-->`,
    `<a href="${url}" target="_blank" style="background-color:${BUTTON};border:1px solid ${BUTTON};border-radius:4px;color:#ffffff;display:inline-block;${FONT}font-size:15px;font-weight:bold;line-height:44px;text-align:center;text-decoration:none;width:260px;max-width:100%;-webkit-text-size-adjust:none;mso-hide:all;">${label}</a>`,
  ].join('');
}

/** The block that stands for the attachments: what they are, the button, until when. */
export function downloadBlockHtml(download: DownloadOptions, eol: string): string {
  const words = wording(download.language).mail;
  const count = download.files.length;
  const files = download.files.map(
    (file) =>
      `<tr><td style="padding:4px 8px 4px 20px;${FONT}font-size:14px;line-height:20px;color:#1f2933;word-break:break-all;">${escapeHtml(file.filename)}</td>` +
      `<td align="right" style="padding:4px 20px 4px 8px;${FONT}font-size:13px;line-height:20px;color:#52606d;white-space:nowrap;">${escapeHtml(formatFileSize(file.size, download.language))}</td></tr>`,
  );
  return [
    '',
    '<table role="presentation" align="center" width="100%" border="0" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;">',
    '<tr><td style="padding:24px 16px 8px;">',
    '<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0" bgcolor="#f5f7fa" style="background-color:#f5f7fa;border:1px solid #d9e0e8;border-radius:8px;border-collapse:separate;">',
    `<tr><td colspan="2" style="padding:16px 20px 8px;${FONT}font-size:15px;line-height:20px;font-weight:bold;color:#1f2933;">${escapeHtml(words.attachments(count))}</td></tr>`,
    ...files,
    '<tr><td colspan="2" style="padding:16px 20px 8px;">',
    buttonHtml(escapeHtml(download.url), escapeHtml(words.downloadButton(count))),
    '</td></tr>',
    `<tr><td colspan="2" style="padding:0 20px 16px;${FONT}font-size:13px;line-height:18px;color:#52606d;">${escapeHtml(expiryLine(download))}</td></tr>`,
    '</table>',
    '</td></tr>',
    '</table>',
    '',
  ].join(eol);
}

/** The same block for the text part, one line each. */
export function downloadBlockText(download: DownloadOptions, eol: string): string {
  const words = wording(download.language).mail;
  const count = download.files.length;
  return [
    `${words.attachments(count)}:`,
    ...download.files.map(
      (file) => `- ${plainLine(file.filename)} (${formatFileSize(file.size, download.language)})`,
    ),
    `${words.downloadButton(count)}: ${plainLine(download.url)}`,
    expiryLine(download),
  ].join(eol);
}
