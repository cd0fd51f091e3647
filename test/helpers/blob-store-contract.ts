import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { type BlobStore, BlobTooLargeError } from '../../src/blobs/index.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A stream of the bytes in chunks, as an upload arrives. */
const chunked = (bytes: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

/**
 * What every blob store does, whatever keeps its bytes: the tests of the enclosing `describe`.
 * `blobs` is read inside the tests only (the store opens in a hook); `leftovers` lists what a
 * refused upload may have left behind.
 */
export function blobStoreContract(
  blobs: () => BlobStore,
  leftovers: () => string[] = () => [],
): void {
  it('keeps streamed bytes under their SHA-256 and gives them back whole', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const stored = await blobs().put(chunked(bytes), 10_000);
    assert.deepEqual(stored, { key: sha256(bytes), size: 5000 });
    assert.deepEqual(await blobs().get(stored.key), bytes);
  });

  it('stores equal contents once, however they arrive', async () => {
    const bytes = Buffer.from('the same attachment, twice');
    const a = await blobs().putBuffer(bytes);
    const b = await blobs().put(chunked(bytes, 4), 1000);
    assert.deepEqual(a, b);
    assert.deepEqual(await blobs().get(a.key), bytes);
    assert.deepEqual(await blobs().putBuffer(Buffer.alloc(0)), {
      key: sha256(Buffer.alloc(0)),
      size: 0,
    });
  });

  it('refuses a stream past its limit and keeps nothing of it', async () => {
    const bytes = Buffer.alloc(3000, 7);
    await assert.rejects(blobs().put(chunked(bytes), 2500), BlobTooLargeError);
    assert.equal(await blobs().get(sha256(bytes)), undefined);
    assert.deepEqual(leftovers(), []);
  });

  it('finds nothing for an unknown or malformed key', async () => {
    assert.equal(await blobs().get('0'.repeat(64)), undefined);
    assert.equal(await blobs().get('../../secret'), undefined);
  });
}
