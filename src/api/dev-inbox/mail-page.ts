import type { OpenedMail } from '../../dev-inbox/index.js';
import { escapeHtml } from '../../html/index.js';
import { DEFAULT_LANGUAGE, formatFileSize } from '../../i18n/index.js';
import type { DevInboxRow } from '../../store/index.js';
import { renderPage, timeElement } from './page.js';

const formatSize = (bytes: number) => formatFileSize(bytes, DEFAULT_LANGUAGE);

/**
 * What the mail body frame may do: show the mail's images (remote ones, which is how the
 * tracking pixel fires, and its inline parts) and open links in a new tab that is not itself
 * sandboxed. No scripts, no same-origin: the frame's document cannot reach this page.
 */
export const BODY_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function renderMailPage(nonce: string, row: DevInboxRow, mail: OpenedMail): string {
  const id = encodeURIComponent(row.id);
  const subject = mail.subject || '(no subject)';
  const headers = [
    header('From', mail.from),
    header('To', mail.to),
    mail.cc ? header('Cc', mail.cc) : '',
    `<dt>Date</dt><dd>${mail.date ? timeElement(mail.date) : '<span class="muted">(none)</span>'}</dd>`,
  ].join('\n');
  return renderPage(nonce, {
    title: `${escapeHtml(subject)} · Dev inbox`,
    main: `<nav><a href="/dev/inbox">← Inbox</a><a href="/dev/inbox/${id}/source">Source</a><a href="/api/v1/dev/inbox/${id}/raw" download="${id}.eml">Download .eml</a></nav>
<h1>${escapeHtml(subject)}</h1>
<dl class="headers">
${headers}
</dl>
${renderEnvelope(row)}
${renderAttachments(id, mail)}
${renderBody(id, mail)}`,
  });
}

function header(name: string, value: string): string {
  const shown = value ? escapeHtml(value) : '<span class="muted">(none)</span>';
  return `<dt>${name}</dt><dd>${shown}</dd>`;
}

// Blind copies travel in the envelope only; showing it explains why a Bcc'd mail is here.
function renderEnvelope(row: DevInboxRow): string {
  let recipients: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.envelopeTo);
    if (Array.isArray(parsed)) recipients = parsed.map(String);
  } catch {
    // A row written by hand; the headers above still say who it was for.
  }
  return `<details><summary>SMTP envelope</summary><dl class="headers">
<dt>MAIL FROM</dt><dd>${escapeHtml(row.envelopeFrom || '<>')}</dd>
<dt>RCPT TO</dt><dd>${escapeHtml(recipients.join(', '))}</dd>
<dt>Size</dt><dd>${formatSize(row.size)}</dd>
</dl></details>`;
}

function renderAttachments(id: string, mail: OpenedMail): string {
  if (mail.attachments.length === 0) return '';
  const items = mail.attachments.map(
    (file) =>
      `<li><a href="/dev/inbox/${id}/attachments/${file.index}" download="${escapeHtml(file.filename)}">${escapeHtml(
        file.filename,
      )}</a> <span class="muted">${formatSize(file.size)} · ${escapeHtml(file.contentType)}</span></li>`,
  );
  return `<h2>Attachments (${mail.attachments.length})</h2>
<ul class="attachments">
${items.join('\n')}
</ul>`;
}

function renderBody(id: string, mail: OpenedMail): string {
  if (!mail.parsed) {
    return `<p class="muted">This mail could not be parsed; here is its source.</p>
<pre>${escapeHtml(mail.text ?? '')}</pre>`;
  }
  if (mail.html === undefined) {
    return mail.text ? `<pre>${escapeHtml(mail.text)}</pre>` : '<p class="muted">(no body)</p>';
  }
  const iframe = `<iframe class="body" src="/dev/inbox/${id}/body" sandbox="${BODY_SANDBOX}" referrerpolicy="no-referrer" title="The mail’s HTML body"></iframe>`;
  if (!mail.text) return iframe;
  return `${iframe}
<details><summary>Plain-text part</summary><pre>${escapeHtml(mail.text)}</pre></details>`;
}

export function renderSourcePage(nonce: string, row: DevInboxRow, raw: Buffer): string {
  const id = encodeURIComponent(row.id);
  return renderPage(nonce, {
    title: `Source of ${escapeHtml(row.subject || '(no subject)')} · Dev inbox`,
    main: `<nav><a href="/dev/inbox">← Inbox</a><a href="/dev/inbox/${id}">Back to the mail</a><a href="/api/v1/dev/inbox/${id}/raw" download="${id}.eml">Download .eml</a></nav>
<h1>Source</h1>
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
