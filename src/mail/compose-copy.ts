import type { Readable } from 'node:stream';
import { type Language, wording } from '../i18n/index.js';
import type { Address } from './addresses.js';
import { instrumentMail } from './instrument/index.js';
import type { MailCopy } from './mime/index.js';

export interface CopyFile {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  /** In bytes. */
  readonly size: number;
  /**
   * The bytes, or a stream of them (read once, as the mail is written). Absent for a file the
   * copy does not carry: a tracked copy carries its inline images only.
   */
  readonly content?: Buffer | Readable;
  /** Shown by the html through `cid:<id>`: stays an inline image in every copy. */
  readonly inline: boolean;
}

/** The tracking side of a copy: its URLs, and what the download block and notice say. */
export interface CopyTracking {
  readonly pixelUrl: string;
  readonly downloadUrl: string;
  readonly privacyUrl: string;
  readonly honeypotUrl: string;
  clickUrl(index: number): string;
  readonly attachmentsExpireAt: Date;
  readonly language: Language;
  /**
   * The notice's sentence (null: the standard one). `linkOnly`: the workspace switched the
   * sentence off, and the opt-out link stays alone — every tracked copy carries a way to stop it
   * (DESIGN.md, "Privacy"; the Garante's and the CNIL's 2026 rules).
   */
  readonly privacyNotice: { readonly text: string | null; readonly linkOnly?: boolean };
}

export interface CopyInput {
  readonly from: Address;
  /** The visible To and Cc: the same in every copy; Bcc is never among them. */
  readonly to: Address[];
  readonly cc: Address[];
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
  readonly messageId: string;
  readonly date: Date;
  readonly files: readonly CopyFile[];
  /** Present for a tracked copy; absent, the mail goes out untouched with real attachments. */
  readonly tracking?: CopyTracking;
  /**
   * An untracked copy of a message sent under the `aggregate` policy: the message's one shared
   * pixel, the same in every copy, goes into its html, with a foot line saying what it counts
   * unless the workspace switched its notice off; links and files stay as composed.
   */
  readonly aggregate?: AggregateTracking;
}

/** The shared side of a copy under the `aggregate` policy. */
export interface AggregateTracking {
  readonly pixelUrl: string;
  /** The foot line: its link (the page about the count) and language; absent, no line. */
  readonly notice?: { readonly url: string; readonly language: Language };
}

/**
 * One recipient copy, ready for the MIME builder. Tracked: html and text instrumented, the files
 * replaced by the download block (inline images stay inline). Untracked: body as composed and
 * every file attached. Either way html with no text gets a text part made from the html, with
 * the copy's own links (RFC 2046 §5.1.4: the MIME builder puts it first, the html last). Throws a TypeError when a file the copy carries has no content.
 */
export function composeCopy(input: CopyInput): MailCopy {
  const inline = input.files
    .filter((file) => file.inline)
    .map((file) => ({
      cid: file.id,
      filename: file.filename,
      contentType: file.contentType,
      content: contentOf(file),
    }));
  const attachable = input.files.filter((file) => !file.inline);
  const base = {
    from: input.from,
    to: input.to,
    cc: input.cc,
    subject: input.subject,
    messageId: input.messageId,
    date: input.date,
    inline,
  };
  const tracking = input.tracking;
  if (!tracking) {
    return {
      ...base,
      ...withSharedPixel(input),
      attachments: attachable.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        content: contentOf(file),
      })),
    };
  }
  const body = instrumentCopy(input, attachable, tracking);
  return { ...base, html: body.html, text: body.text, attachments: [] };
}

/**
 * The html of a copy as it is sent: instrumented when the copy is tracked (files that are not
 * inline become the download block), else as composed; undefined without html. What the
 * message's `gmail_clip` warning measures, with the same code that writes the copy.
 */
export function copyHtml(
  input: Pick<CopyInput, 'html' | 'files' | 'tracking'>,
): string | undefined {
  if (input.html === null) return undefined;
  if (!input.tracking) return input.html;
  const attachable = input.files.filter((file) => !file.inline);
  return instrumentCopy({ html: input.html, text: null }, attachable, input.tracking, false).html;
}

/** `textFromHtml`: whether html with no text gets a text part (instrument-text.ts). */
function instrumentCopy(
  input: Pick<CopyInput, 'html' | 'text'>,
  attachable: readonly CopyFile[],
  tracking: CopyTracking,
  textFromHtml = true,
) {
  return instrumentMail(
    { html: input.html ?? undefined, text: input.text ?? undefined, textFromHtml },
    {
      pixelUrl: tracking.pixelUrl,
      clickUrl: (link) => tracking.clickUrl(link.index),
      honeypotUrl: tracking.honeypotUrl,
      download:
        attachable.length > 0
          ? {
              url: tracking.downloadUrl,
              files: attachable.map((file) => ({ filename: file.filename, size: file.size })),
              expiresAt: tracking.attachmentsExpireAt,
              language: tracking.language,
            }
          : undefined,
      privacyNotice: {
        url: tracking.privacyUrl,
        language: tracking.language,
        text: tracking.privacyNotice.linkOnly ? '' : (tracking.privacyNotice.text ?? undefined),
      },
    },
  );
}

/**
 * The body of an untracked copy: as composed, or, under the `aggregate` policy, with the shared
 * pixel at the end of the html and the foot line in both parts (links are left as they are).
 * Html with no text gets a text part made from it either way (instrument-text.ts).
 */
function withSharedPixel(input: CopyInput): { html?: string; text?: string } {
  const body = { html: input.html ?? undefined, text: input.text ?? undefined };
  const shared = input.aggregate;
  if (!shared) {
    // No options: nothing is rewritten or inserted, the html stays as composed; instrumentMail
    // alone decides whether the text is the composed one or one made from the html.
    return { html: body.html, text: instrumentMail(body).text };
  }
  const notice = shared.notice;
  const words = notice ? wording(notice.language).aggregate : undefined;
  const result = instrumentMail(body, {
    pixelUrl: shared.pixelUrl,
    privacyNotice:
      notice && words
        ? {
            url: notice.url,
            language: notice.language,
            text: words.mailNotice,
            linkLabel: words.mailLink,
          }
        : undefined,
  });
  return { html: result.html, text: result.text };
}

function contentOf(file: CopyFile): Buffer | Readable {
  if (file.content === undefined) {
    throw new TypeError(`composeCopy: file ${file.id} goes in the copy but has no content`);
  }
  return file.content;
}
