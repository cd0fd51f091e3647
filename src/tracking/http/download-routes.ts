import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import yazl from 'yazl';
import { contentDisposition } from '../../attachments/index.js';
import type { OpenBlob } from '../../blobs/index.js';
import { newNonce } from '../../html/index.js';
import { type Language, wording } from '../../i18n/index.js';
import type { MessageAttachment, TrackedCopy } from '../../store/index.js';
import { availability, downloadableFiles } from '../downloads.js';
import { renderDownloadPage, renderExpiredPage } from '../pages/index.js';
import { TRACKING_PREFIX } from '../urls.js';
import {
  type HitContext,
  Page,
  pages,
  senderOf,
  TokenParams,
  type TokenRequest,
  tags,
} from './context.js';
import { languageOf, NO_STORE, sendNotFound, sendPage } from './responses.js';

const FileParams = Type.Object({
  token: Type.String({ maxLength: 200 }),
  file: Type.String({ maxLength: 64 }),
});
type FileRequest = FastifyRequest<{ Params: { token: string; file: string } }>;

/**
 * The files as one zip, streamed: yazl reads each file's stream in turn, as the reply drains.
 * A zip's entry names must differ: "a.pdf", "a (2).pdf"…
 */
function zipOf(files: readonly MessageAttachment[], contents: readonly OpenBlob[]) {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // yazl passes no file's read failure on (it pipes), and reports a wrong length on the ZipFile,
  // which nothing else listens to: either ends the reply with the error rather than leave it
  // hanging (or the process, with an unhandled 'error').
  const fail = (error: Error) => output.destroy(error);
  zip.on('error', fail);
  const used = new Set<string>();
  files.forEach((file, i) => {
    let name = file.filename;
    for (let n = 2; used.has(name.toLowerCase()); n++)
      name = file.filename.replace(/(\.[^.]*)?$/, ` (${n})$1`);
    used.add(name.toLowerCase());
    const content = contents[i]!;
    content.stream.once('error', fail);
    zip.addReadStream(content.stream, name, { compress: true, size: content.size });
  });
  zip.end();
  return output;
}

/**
 * The download page and its buttons. The page lists the copy's files; bytes come only from a
 * button's POST, so a scanner that fetches the page downloads nothing. An expired or revoked
 * link answers 410 and records the attempt (which notifies the sender).
 */
export function downloadRoutes(app: FastifyInstance, hits: HitContext): void {
  downloadPage(app, hits);
  downloadFiles(app, hits);
}

/** The copy's message's files, each with whether it can be downloaded now. */
async function filesOf(app: FastifyInstance, copy: TrackedCopy) {
  const now = Date.now();
  return (await downloadableFiles(app.store.db, copy.messageId)).map((file) => ({
    file,
    state: availability(file, now),
  }));
}

/** 410 for an expired or revoked file, the attempt recorded (it tells the sender). */
async function refuse(
  hits: HitContext,
  request: FastifyRequest,
  reply: FastifyReply,
  copy: TrackedCopy,
  file: MessageAttachment,
) {
  await hits.record(request, copy, 'expired_access', { attachmentId: file.id });
  const revoked = file.revokedAt !== null;
  const page = renderExpiredPage({
    language: languageOf(request),
    nonce: newNonce(),
    sender: senderOf(copy),
    subject: copy.subject,
    reason: revoked ? 'revoked' : 'expired',
    expiredAt: !revoked && file.expiresAt !== null ? new Date(file.expiresAt) : undefined,
  });
  return sendPage(reply, page, 410);
}

function downloadPage(app: FastifyInstance, hits: HitContext): void {
  app.get(
    '/d/:token',
    {
      schema: {
        tags,
        summary: 'The recipient’s download page',
        params: TokenParams,
        response: pages({ 200: Page, 410: Page }),
      },
    },
    async (request: TokenRequest, reply) => {
      const found = await hits.find(request, reply, 'download');
      if (!found) return reply;
      const files = await filesOf(app, found.copy);
      const available = files.filter((f) => f.state === 'available').map((f) => f.file);
      if (available.length === 0) {
        const first = files[0];
        return first
          ? refuse(hits, request, reply, found.copy, first.file)
          : sendNotFound(request, reply);
      }
      const page = renderPageOf(request, found.copy, available);
      return sendPage(reply, page);
    },
  );
}

/** The download page of the files available, a button each (and one for all of them, zipped). */
function renderPageOf(
  request: TokenRequest,
  copy: TrackedCopy,
  available: readonly MessageAttachment[],
) {
  const token = request.params.token;
  const expiries = available.flatMap((f) => (f.expiresAt === null ? [] : [f.expiresAt]));
  return renderDownloadPage({
    language: languageOf(request),
    nonce: newNonce(),
    sender: senderOf(copy),
    subject: copy.subject,
    files: available.map((f) => ({
      id: f.id,
      filename: f.filename,
      size: f.size,
      contentType: f.contentType,
    })),
    expiresAt: new Date(expiries.length > 0 ? Math.min(...expiries) : Number.NaN),
    fileAction: (id: string) => `${TRACKING_PREFIX}/d/${token}/${id}`,
    allAction: available.length > 1 ? `${TRACKING_PREFIX}/d/${token}/all` : undefined,
  });
}

function downloadFiles(app: FastifyInstance, hits: HitContext): void {
  app.post(
    '/d/:token/:file',
    {
      schema: {
        tags,
        summary: 'Download one file (or `all`, as a zip)',
        params: FileParams,
        response: pages({ 200: Type.String({ description: 'The file' }), 410: Page }),
      },
    },
    async (request: FileRequest, reply) => {
      const found = await hits.find(request, reply, 'download');
      if (!found) return reply;
      const all = request.params.file === 'all';
      const wanted = (await filesOf(app, found.copy)).filter(
        (f) => all || f.file.id === request.params.file,
      );
      if (wanted.length === 0) return sendNotFound(request, reply);
      const serving = wanted.filter((f) => f.state === 'available').map((f) => f.file);
      if (serving.length === 0 || (!all && serving.length < wanted.length)) {
        return refuse(hits, request, reply, found.copy, wanted[0]!.file);
      }
      const contents = await openAll(app, serving);
      if (!contents) {
        request.log.error({ messageId: found.copy.messageId }, 'attachment bytes are missing');
        return sendNotFound(request, reply);
      }
      try {
        for (const file of serving)
          await hits.record(request, found.copy, 'download', { attachmentId: file.id });
      } catch (error) {
        for (const content of contents) content.stream.destroy();
        throw error;
      }
      const zipName = zipNameOf(found.copy, languageOf(request));
      return sendFiles(reply, zipName, serving, contents, all);
    },
  );
}

/**
 * The files' bytes, opened (streams not read yet: a reply reads them as it drains), or
 * undefined when any is missing, the others then closed.
 */
async function openAll(
  app: FastifyInstance,
  files: readonly MessageAttachment[],
): Promise<OpenBlob[] | undefined> {
  const opened = await Promise.allSettled(files.map((file) => app.blobs.open(file.sha256)));
  const contents = opened.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
  if (contents.length === files.length) return contents;
  for (const content of contents) content.stream.destroy();
  const failure = opened.find((o) => o.status === 'rejected');
  if (failure) throw failure.reason;
  return undefined;
}

/** All the files' zip is named after the mail's subject, or after its attachments when it has none. */
function zipNameOf(copy: TrackedCopy, language: Language): string {
  return `${copy.subject || wording(language).pages.zipName}.zip`;
}

/**
 * The file asked for as it was uploaded (its Content-Length the stored size), or all of them
 * as one zip (`zipName`, chunked: its compressed length is known only at the end); either runs
 * nothing. The bytes stream from the blob store as the client takes them.
 */
function sendFiles(
  reply: FastifyReply,
  zipName: string,
  serving: readonly MessageAttachment[],
  contents: readonly OpenBlob[],
  all: boolean,
) {
  reply
    .header('cache-control', NO_STORE)
    .header('x-content-type-options', 'nosniff')
    // An uploaded HTML or SVG opened from here runs nothing and reaches nothing.
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('referrer-policy', 'no-referrer');
  // A client gone mid-download: close what the reply will not read now (an fs stream holds a file).
  reply.raw.once('close', () => {
    for (const content of contents) content.stream.destroy();
  });
  if (!all) {
    return reply
      .header('content-type', serving[0]!.contentType)
      .header('content-disposition', contentDisposition('attachment', serving[0]!.filename))
      .header('content-length', contents[0]!.size)
      .send(contents[0]!.stream);
  }
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', contentDisposition('attachment', zipName))
    .send(zipOf(serving, contents));
}
