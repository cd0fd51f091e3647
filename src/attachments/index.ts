import type { Readable } from 'node:stream';
import { type BlobStore, BlobTooLargeError } from '../blobs/index.js';
import { fail } from '../errors.js';
import {
  type AttachmentRow,
  blobReferenced,
  type Db,
  insertAttachment,
  newId,
  type UserRow,
} from '../store/index.js';
import { withBlobTurn } from './blob-guard.js';
import { safeContentType, safeFilename } from './filename.js';

export {
  contentDisposition,
  decodeFormFilename,
  safeContentType,
  safeFilename,
} from './filename.js';
export { releaseBlobs } from './release-blobs.js';

export interface Upload {
  readonly filename: string;
  readonly contentType: string | undefined;
  /**
   * The bytes. A stream whose `truncated` is true once it ended (a multipart parser's file cut
   * at its own size limit) is a file that was larger than what arrived.
   */
  readonly stream: Readable & { readonly truncated?: boolean };
}

/**
 * Keeps an uploaded file: bytes in the blob store under their SHA-256, a row naming them.
 * Past `maxBytes`, or cut short by the parser that read it, nothing is kept (no row, and no
 * bytes that nothing else holds) and the upload is `413 payload_too_large`.
 */
export async function storeAttachment(
  db: Db,
  blobs: BlobStore,
  user: UserRow,
  upload: Upload,
  maxBytes: number,
): Promise<AttachmentRow> {
  let stored: Awaited<ReturnType<BlobStore['put']>>;
  try {
    stored = await blobs.put(upload.stream, maxBytes);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof BlobTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE') {
      failTooLarge(maxBytes);
    }
    throw error;
  }
  // Equal bytes are stored once: a draft being deleted may be releasing these very bytes. In
  // the blob's turn they are either still there (and now held by this row) or gone, and then
  // this upload keeps nothing and fails rather than name missing bytes.
  return withBlobTurn(stored.key, async () => {
    if (upload.stream.truncated === true) {
      // What arrived is the start of a larger file: not what was sent, so not kept. Its bytes
      // go unless another attachment or mail has the same ones (checked in this key's turn).
      if (!(await blobReferenced(db, stored.key))) await blobs.remove(stored.key);
      failTooLarge(maxBytes);
    }
    if (!(await blobExists(blobs, stored.key))) {
      fail('MB_ERR_INTERNAL', 'The file was being removed as it arrived; upload it again');
    }
    return insertAttachment(db, {
      id: newId(),
      workspaceId: user.workspaceId,
      uploadedBy: user.id,
      filename: safeFilename(upload.filename),
      contentType: safeContentType(upload.contentType),
      size: stored.size,
      sha256: stored.key,
      createdAt: Date.now(),
    });
  });
}

async function blobExists(blobs: BlobStore, key: string): Promise<boolean> {
  const opened = await blobs.open(key);
  opened?.stream.destroy();
  return opened !== undefined;
}

/**
 * Room a multipart upload's body may take besides its file, in bytes: boundaries, part headers
 * and the few small fields a form may add. Generous, so that no file within the limit is
 * refused by its Content-Length.
 */
export const UPLOAD_FRAMING_BYTES = 1024 * 1024;

/**
 * Refuses an upload by its `Content-Length` header (a decimal string, or absent) before any of
 * its body is read: a body longer than `maxBytes` (MAX_ATTACHMENT_MB) plus UPLOAD_FRAMING_BYTES
 * cannot hold a file within the limit. Throws `413 payload_too_large` naming the limit in MB.
 * Without the header (a chunked upload) nothing is refused here: the stream is counted as it
 * arrives (storeAttachment).
 */
export function refuseOversizedUpload(contentLength: string | undefined, maxBytes: number): void {
  const length = contentLength === undefined ? Number.NaN : Number(contentLength);
  if (Number.isSafeInteger(length) && length > maxBytes + UPLOAD_FRAMING_BYTES) {
    failTooLarge(maxBytes);
  }
}

/** Throws `413 payload_too_large` saying the limit, `maxBytes`, in MB (MAX_ATTACHMENT_MB). */
export function failTooLarge(maxBytes: number): never {
  fail('MB_ERR_PAYLOAD_TOO_LARGE', `An attachment may be at most ${formatMb(maxBytes)} MB`);
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 100) / 100);
}
