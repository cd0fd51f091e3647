import type { Readable } from 'node:stream';

/** Where attachment bytes (and the dev inbox's mails) live, addressed by their SHA-256. */
export interface BlobStore {
  /** Stores the stream's bytes; refuses (BlobTooLargeError) past `maxBytes`, keeping nothing. */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  putBuffer(bytes: Buffer): Promise<StoredBlob>;
  get(key: string): Promise<Buffer | undefined>;
}

export interface StoredBlob {
  /** Hex SHA-256 of the bytes. */
  readonly key: string;
  readonly size: number;
}

export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the content is larger than ${maxBytes} bytes`);
  }
}

export const BLOB_KEY_PATTERN = /^[0-9a-f]{64}$/;
