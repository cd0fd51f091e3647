import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import {
  decodeFormFilename,
  failTooLarge,
  refuseOversizedUpload,
  storeAttachment,
} from '../../attachments/index.js';
import { fail } from '../../errors.js';
import { principalOf } from '../plugins/auth.js';
import { AttachmentView, presentAttachment } from '../presenters/messages.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';

/** What an upload may hold besides its one file: other fields are read past and dropped. */
const FIELDS = 10;
const PARTS = 20;

/**
 * The multipart parser's limits on counts, each a malformed upload (400) rather than one too
 * large (413, kept for a file over MAX_ATTACHMENT_MB): a second file is not a bigger body.
 */
const COUNT_LIMITS: Readonly<Record<string, string>> = {
  FST_FILES_LIMIT: 'One file per upload: send each file in a request of its own',
  FST_PARTS_LIMIT: `A multipart upload has at most ${PARTS} parts`,
  FST_FIELDS_LIMIT: `A multipart upload has at most ${FIELDS} fields besides the file`,
};

export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const maxBytes = app.config.maxAttachmentBytes;
  // One file per request, bounded by MAX_ATTACHMENT_MB; other fields are ignored. The parser
  // lets one byte more through than the limit: it cuts a file at its limit and ends the stream
  // as if whole, so at exactly MAX_ATTACHMENT_MB the blob store took the cut file and a row
  // named it before the 413 came. With the extra byte the blob store sees the file is over,
  // and refuses it keeping nothing (storeAttachment also refuses a stream the parser cut).
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields: FIELDS, parts: PARTS },
  });
  upload(typed(app));
}

function upload(api: Api): void {
  api.post(
    '/api/v1/attachments',
    {
      schema: {
        tags: ['messages'],
        summary: 'Upload an attachment (multipart/form-data, field `file`)',
        description:
          'A file over MAX_ATTACHMENT_MB is 413 payload_too_large: at once when the Content-Length says so, else as it streams in',
        consumes: ['multipart/form-data'],
        response: responses({ 201: AttachmentView }),
      },
      // Before the body: a file over the limit is refused before it is sent in full. The
      // connection closes after the answer, so the rest of the body is never read.
      onRequest: async (request, reply) => {
        try {
          refuseOversizedUpload(request.headers['content-length'], api.config.maxAttachmentBytes);
        } catch (error) {
          reply.header('connection', 'close');
          throw error;
        }
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      if (!request.isMultipart()) {
        fail(
          'MB_ERR_UNSUPPORTED_MEDIA_TYPE',
          'Send the file as multipart/form-data in the field "file"',
        );
      }
      let stored: Awaited<ReturnType<typeof storeAttachment>> | undefined;
      try {
        stored = await readUpload(request.parts(), (part) =>
          storeAttachment(
            api.store.db,
            api.blobs,
            user,
            {
              // Browsers escape three characters of the name (decodeFormFilename).
              filename: decodeFormFilename(part.filename),
              contentType: part.mimetype,
              stream: part.file,
            },
            api.config.maxAttachmentBytes,
          ),
        );
      } catch (error) {
        // The body may be unread past the point of failure (a file refused mid-stream leaves
        // the rest of it in the socket): the connection cannot carry another request.
        reply.header('connection', 'close');
        // The multipart parser's own complaints (no boundary, a body cut short) are the
        // client's malformed body, not our fault.
        if (isMalformedMultipart(error))
          fail('MB_ERR_BAD_REQUEST', 'The multipart body is malformed');
        const code = (error as { code?: string }).code ?? '';
        // The parser may report the file's size limit itself, before the file's stream does.
        if (code === 'FST_REQ_FILE_TOO_LARGE') failTooLarge(api.config.maxAttachmentBytes);
        const overCount = COUNT_LIMITS[code];
        if (overCount) fail('MB_ERR_BAD_REQUEST', overCount);
        throw error;
      }
      if (!stored) fail('MB_ERR_VALIDATION', 'The multipart body has no file in the field "file"');
      reply.status(201);
      return presentAttachment(stored);
    },
  );
}

/** Errors busboy raises for a body that is not well-formed multipart (they carry no code). */
function isMalformedMultipart(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { code?: string }).code !== undefined) return false;
  return /multipart|boundary|unexpected end of form|part terminated early/i.test(error.message);
}

/** Stores the first file of the field `file`; every other part is read past and dropped. */
async function readUpload<T>(
  parts: AsyncIterable<Multipart>,
  store: (part: MultipartFile) => Promise<T>,
): Promise<T | undefined> {
  let stored: T | undefined;
  for await (const part of parts) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file' || stored !== undefined) {
      part.file.resume();
      continue;
    }
    stored = await store(part);
  }
  return stored;
}
