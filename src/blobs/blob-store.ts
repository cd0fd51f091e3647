import type { Readable } from 'node:stream';

/** Where attachment bytes (and the dev inbox's mails) live, addressed by their SHA-256. */
export interface BlobStore {
  /**
   * Stores the stream's bytes as they arrive, never holding them whole; refuses
   * (BlobTooLargeError) past `maxBytes`, keeping nothing. A source that fails keeps nothing
   * either. Equal bytes are stored once.
   */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  putBuffer(bytes: Buffer): Promise<StoredBlob>;
  /**
   * The blob's bytes, read as the consumer pulls them; undefined for an unknown or malformed
   * key. The caller consumes the stream or destroys it (an fs stream holds a file open).
   */
  open(key: string): Promise<OpenBlob | undefined>;
  /**
   * Forgets the blob's bytes; an unknown or malformed key is no error. Blobs are shared by equal
   * contents: the caller has made sure nothing holds this one any more (src/attachments).
   */
  remove(key: string): Promise<void>;
}

export interface StoredBlob {
  /** Hex SHA-256 of the bytes. */
  readonly key: string;
  /** In bytes. */
  readonly size: number;
}

/** A blob being read: its size in bytes (a Content-Length) and its bytes, from the start. */
export interface OpenBlob {
  readonly size: number;
  readonly stream: Readable;
}

export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the content is larger than ${maxBytes} bytes`);
  }
}

export const BLOB_KEY_PATTERN = /^[0-9a-f]{64}$/;
