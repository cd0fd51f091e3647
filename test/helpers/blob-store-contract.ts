import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { it } from 'node:test';
import { type BlobStore, BlobTooLargeError } from '../../src/blobs/index.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A stream of the bytes in chunks, as an upload arrives. */
export const chunked = (bytes: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

/** A stream of the bytes in chunks that fails after `failAfter` bytes, as an aborted upload. */
export function failing(bytes: Buffer, failAfter: number, size = 1000): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < failAfter; i += size)
        yield bytes.subarray(i, Math.min(i + size, failAfter));
      throw new Error('the client went away');
    })(),
  );
}

/** The blob's bytes read through `open` (its size checked against them), or undefined. */
export async function readBlob(blobs: BlobStore, key: string): Promise<Buffer | undefined> {
  const opened = await blobs.open(key);
  if (!opened) return undefined;
  const bytes = await buffer(opened.stream);
  assert.equal(opened.size, bytes.length, 'the size given with the stream');
  return bytes;
}

/**
 * What every blob store does, whatever keeps its bytes: the tests of the enclosing `describe`.
 * `blobs` is read inside the tests only (the store opens in a hook); `leftovers` lists what a
 * refused upload may have left behind.
 */
export function blobStoreContract(
  blobs: () => BlobStore,
  leftovers: () => string[] | Promise<string[]> = () => [],
): void {
  it('keeps streamed bytes under their SHA-256 and gives them back whole', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const stored = await blobs().put(chunked(bytes), 10_000);
    assert.deepEqual(stored, { key: sha256(bytes), size: 5000 });
    assert.deepEqual(await readBlob(blobs(), stored.key), bytes);
  });

  it('stores equal contents once, however they arrive', async () => {
    const bytes = Buffer.from('the same attachment, twice');
    const a = await blobs().putBuffer(bytes);
    const b = await blobs().put(chunked(bytes, 4), 1000);
    assert.deepEqual(a, b);
    assert.deepEqual(await readBlob(blobs(), a.key), bytes);
    const empty = await blobs().putBuffer(Buffer.alloc(0));
    assert.deepEqual(empty, { key: sha256(Buffer.alloc(0)), size: 0 });
    assert.deepEqual(await readBlob(blobs(), empty.key), Buffer.alloc(0));
  });

  it('refuses a stream past its limit and keeps nothing of it', async () => {
    const bytes = Buffer.alloc(3000, 7);
    await assert.rejects(blobs().put(chunked(bytes), 2500), BlobTooLargeError);
    assert.equal(await blobs().open(sha256(bytes)), undefined);
    assert.deepEqual(await leftovers(), []);
  });

  it('keeps nothing of a source that fails midway, and passes its error on', async () => {
    const bytes = Buffer.alloc(3000, 9);
    await assert.rejects(blobs().put(failing(bytes, 2000), 10_000), /the client went away/);
    assert.equal(await blobs().open(sha256(bytes.subarray(0, 2000))), undefined);
    assert.deepEqual(await leftovers(), []);
  });

  it('finds nothing for an unknown or malformed key', async () => {
    assert.equal(await blobs().open('0'.repeat(64)), undefined);
    assert.equal(await blobs().open('../../secret'), undefined);
  });

  it('removes a blob’s bytes, others’ kept; the same bytes can be stored again', async () => {
    const gone = await blobs().putBuffer(Buffer.from('a draft’s file, deleted'));
    const kept = await blobs().putBuffer(Buffer.from('another file, kept'));
    await blobs().remove(gone.key);
    assert.equal(await blobs().open(gone.key), undefined);
    assert.deepEqual(await readBlob(blobs(), kept.key), Buffer.from('another file, kept'));
    // Unknown and malformed keys are no error, and reach nothing outside the store.
    await blobs().remove(gone.key);
    await blobs().remove('../../secret');
    const again = await blobs().put(chunked(Buffer.from('a draft’s file, deleted'), 4), 1000);
    assert.deepEqual(again, gone);
    assert.deepEqual(await readBlob(blobs(), gone.key), Buffer.from('a draft’s file, deleted'));
  });
}
