import { envelopeRecipients, type OpenedMail } from '../../dev-inbox/index.js';
import { escapeHtml } from '../../html/index.js';
import { formatFileSize, type Language, type Wording, wording } from '../../i18n/index.js';
import type { DevInboxRow } from '../../store/index.js';
import { inboxLink, type PageContext, renderPage, timeElement } from './page.js';

type DevInboxWording = Wording['devInbox'];

/**
 * What the mail body frame may do: show the mail's images (remote ones, which is how the
 * tracking pixel fires, and its inline parts) and open links in a new tab that is not itself
 * sandboxed. No scripts, no same-origin: the frame's document cannot reach this page.
 */
export const BODY_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function renderMailPage(context: PageContext, row: DevInboxRow, mail: OpenedMail): string {
  const { language } = context;
  const words = wording(language).devInbox;
  const id = encodeURIComponent(row.id);
  const subject = mail.subject || wording(language).pages.noSubject;
  const none = `<span class="muted">${escapeHtml(words.none)}</span>`;
  const header = (name: string, value: string) =>
    `<dt>${escapeHtml(name)}</dt><dd>${value ? escapeHtml(value) : none}</dd>`;
  const headers = [
    header(words.from, mail.from),
    header(words.to, mail.to),
    mail.cc ? header(words.cc, mail.cc) : '',
    // Whose copy this is: the headers of every copy are the same, a Bcc's included.
    header(words.deliveredTo, envelopeRecipients(row.envelopeTo).join(', ')),
    `<dt>${escapeHtml(words.date)}</dt><dd>${mail.date ? timeElement(mail.date) : none}</dd>`,
  ].join('\n');
  return renderPage(context, {
    title: subject,
    main: `<nav>${inboxLink(language)}<a href="/dev/inbox/${id}/source">${escapeHtml(words.source)}</a>${rawLink(id, words)}</nav>
<h1>${escapeHtml(subject)}</h1>
<dl class="headers">
${headers}
</dl>
${renderEnvelope(row, language)}
${renderAttachments(id, mail, language)}
${renderBody(id, mail, words)}`,
  });
}

/** The link that downloads the mail's source as a file. */
function rawLink(id: string, words: DevInboxWording): string {
  return `<a href="/api/v1/dev/inbox/${id}/raw" download="${id}.eml">${escapeHtml(words.downloadEml)}</a>`;
}

// Blind copies travel in the envelope only; showing it explains why a Bcc'd mail is here.
function renderEnvelope(row: DevInboxRow, language: Language): string {
  const words = wording(language).devInbox;
  return `<details><summary>${escapeHtml(words.envelope)}</summary><dl class="headers">
<dt>MAIL FROM</dt><dd>${escapeHtml(row.envelopeFrom || '<>')}</dd>
<dt>RCPT TO</dt><dd>${escapeHtml(envelopeRecipients(row.envelopeTo).join(', '))}</dd>
<dt>${escapeHtml(words.size)}</dt><dd>${escapeHtml(formatFileSize(row.size, language))}</dd>
</dl></details>`;
}

function renderAttachments(id: string, mail: OpenedMail, language: Language): string {
  if (mail.attachments.length === 0) return '';
  const items = mail.attachments.map(
    (file) =>
      `<li><a href="/dev/inbox/${id}/attachments/${file.index}" download="${escapeHtml(file.filename)}">${escapeHtml(
        file.filename,
      )}</a> <span class="muted">${escapeHtml(formatFileSize(file.size, language))} · ${escapeHtml(file.contentType)}</span></li>`,
  );
  return `<h2>${escapeHtml(wording(language).devInbox.attachments(mail.attachments.length))}</h2>
<ul class="attachments">
${items.join('\n')}
</ul>`;
}

function renderBody(id: string, mail: OpenedMail, words: DevInboxWording): string {
  if (!mail.parsed) {
    return `<p class="muted">${escapeHtml(words.notParsed)}</p>
<pre>${escapeHtml(mail.text ?? '')}</pre>`;
  }
  if (mail.html === undefined) {
    return mail.text
      ? `<pre>${escapeHtml(mail.text)}</pre>`
      : `<p class="muted">${escapeHtml(words.noBody)}</p>`;
  }
  const iframe = `<iframe class="body" src="/dev/inbox/${id}/body" sandbox="${BODY_SANDBOX}" referrerpolicy="no-referrer" title="${escapeHtml(words.bodyFrame)}"></iframe>`;
  if (!mail.text) return iframe;
  return `${iframe}
<details><summary>${escapeHtml(words.plainTextPart)}</summary><pre>${escapeHtml(mail.text)}</pre></details>`;
}

export function renderSourcePage(context: PageContext, row: DevInboxRow, raw: Buffer): string {
  const { language } = context;
  const words = wording(language).devInbox;
  const id = encodeURIComponent(row.id);
  return renderPage(context, {
    title: words.sourceTitle(row.subject || wording(language).pages.noSubject),
    main: `<nav>${inboxLink(language)}<a href="/dev/inbox/${id}">${escapeHtml(words.backToMail)}</a>${rawLink(id, words)}</nav>
<h1>${escapeHtml(words.sourceHeading)}</h1>
<pre>${escapeHtml(raw.toString('utf8'))}</pre>`,
  });
}

/** The frame's document for a mail without HTML: its text, as a client shows plain text. */
export function renderTextBody(text: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><base target="_blank"></head>
<body><pre style="white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace">${escapeHtml(text)}</pre></body></html>
`;
}
