import { escapeHtml } from '../../html/index.js';
import { formatFileSize, formatLongDate, type Language, wording } from '../../i18n/index.js';
import { fileExtension, fileKind } from './file-kind.js';
import { timeElement } from './format-time.js';
import { bdi, quotedSubject, subjectText } from './fragments.js';
import { renderLayout } from './layout.js';
import { fromHeader } from './sender-header.js';
import type { Html, PageSender, PageWording, RenderedPage } from './types.js';

export interface DownloadPageFile {
  id: string;
  filename: string;
  /** In bytes. */
  size: number;
  contentType: string;
}

export interface DownloadPageInput {
  language: Language;
  /** Fresh for this response; the same value goes into the returned CSP. */
  nonce: string;
  /** Who sent the mail. */
  sender: PageSender;
  /** The mail's subject. */
  subject: string;
  files: DownloadPageFile[];
  /** When the links expire; an invalid Date (links that never expire) leaves the line out. */
  expiresAt: Date;
  /** Form action for one file: the caller gives the path, e.g. `/t/d/<token>/<fileId>`. */
  fileAction: (fileId: string) => string;
  /** Form action for all files at once as a zip, or undefined when there is only one file. */
  allAction?: string;
  /** Link to the recipient's privacy page, if tracked. */
  privacyUrl?: string;
  /** IANA zone the expiry date is written in; UTC by default, as in the mail. */
  timeZone?: string;
}

// Each download is a POST form, never a link: a scanner that fetches the page (or follows its
// links) downloads nothing and is never counted as the recipient downloading.
function postButton(action: string, label: Html, className = 'button'): Html {
  return `<form method="post" action="${escapeHtml(action)}"><button type="submit" class="${className}">${label}</button></form>`;
}

function fileItem(file: DownloadPageFile, input: DownloadPageInput, words: PageWording): Html {
  const kind = fileKind(file.filename, file.contentType);
  const extension = fileExtension(file.filename);
  const size = formatFileSize(file.size, input.language);
  const badge = `<span class="badge" aria-hidden="true">${extension ? escapeHtml(extension) : ''}</span>`;
  // The button reads "Download" on screen and "Download <name>" to a screen reader, which
  // lists the buttons of a page out of context.
  const label = `${escapeHtml(words.download)}<span class="visually-hidden"> ${bdi(file.filename)}</span>`;
  return [
    '<li class="file">',
    badge,
    '<div class="info">',
    `<p class="name">${bdi(file.filename)}</p>`,
    `<p class="meta${kind === 'program' ? ' warn' : ''}">${escapeHtml(words.kinds[kind])} · ${escapeHtml(size)}</p>`,
    '</div>',
    postButton(input.fileAction(file.id), label),
    '</li>',
  ].join('\n');
}

function untilLine(input: DownloadPageInput, words: PageWording): Html | undefined {
  if (Number.isNaN(input.expiresAt.getTime())) return undefined;
  const date = formatLongDate(input.expiresAt, input.language, input.timeZone);
  return words.availableUntil(input.files.length, {
    text: date,
    html: timeElement(input.expiresAt, date),
  });
}

/** The page behind the mail's download button: each file with its own button, and all as a zip. */
export function renderDownloadPage(input: DownloadPageInput): RenderedPage {
  const words = wording(input.language).pages;
  const count = input.files.length;
  const subject = quotedSubject(input.subject, words);
  const until = untilLine(input, words);
  const total = formatFileSize(
    input.files.reduce((sum, file) => sum + file.size, 0),
    input.language,
  );
  const list = count
    ? [
        ...(until ? [`<p>${until}</p>`] : []),
        `<ul class="files" aria-label="${escapeHtml(words.filesLabel)}">`,
        ...input.files.map((file) => fileItem(file, input, words)),
        '</ul>',
      ]
    : [`<p>${escapeHtml(words.noFiles)}</p>`];
  // A zip of one file would only be a worse way to get it.
  const all =
    count > 1 && input.allAction
      ? [
          '<div class="actions">',
          postButton(input.allAction, escapeHtml(words.downloadAll)),
          `<p class="meta">${escapeHtml(words.filesSummary(count, total))}</p>`,
          '</div>',
        ]
      : [];
  const footer = input.privacyUrl
    ? `<p>${escapeHtml(words.downloadsReported)} <a href="${escapeHtml(input.privacyUrl)}">${escapeHtml(words.privacyLink)}</a></p>`
    : undefined;
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: words.downloadTitle(count, subjectText(input.subject, words)),
    header: fromHeader(input.sender, words),
    main: [`<h1>${words.downloadHeading(count, subject)}</h1>`, ...list, ...all].join('\n'),
    ...(footer ? { footer } : {}),
  });
}
