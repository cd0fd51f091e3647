import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import {
  BLOB_CHUNK_BYTES,
  BlobTooLargeError,
  databaseBlobStore,
} from '../../../src/blobs/index.js';
import { insertUploadChunk } from '../../../src/store/index.js';
import { DAY_MS } from '../../../src/time-units.js';
import {
  blobStoreContract,
  chunked,
  failing,
  readBlob,
} from '../../helpers/blob-store-contract.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const C = BLOB_CHUNK_BYTES;

/** Counts the queries that read blob pieces, as a Kysely plugin sees them go out. */
function chunkReads() {
  const counter = { reads: 0 };
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === 'SelectQueryNode' && /"blob_?chunks"/i.test(JSON.stringify(node.from))) {
        counter.reads++;
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { counter, plugin };
}

// The fs blob store's run of the same tests is test/unit/blobs (it needs no database).
for (const engine of testEngines()) {
  describe(`the database blob store (${engine})`, () => {
    const test = useTestStore(engine);
    const blobs = () => databaseBlobStore(test.store.db);
    /** Pieces of uploads not committed, and how many pieces there are in all. */
    const uploading = async () =>
      (
        await test.store.db
          .selectFrom('blobChunks')
          .select('blobKey')
          .where('uploadStartedAt', 'is not', null)
          .execute()
      ).map((r) => r.blobKey);
    const pieces = async (key: string) =>
      Number(
        (
          await test.store.db
            .selectFrom('blobChunks')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('blobKey', '=', key)
            .executeTakeFirstOrThrow()
        ).n,
      );

    blobStoreContract(blobs, uploading);

    it('gives back random bytes of every size around a piece’s, in pieces of BLOB_CHUNK_BYTES', async () => {
      for (const size of [0, 1, C - 1, C, C + 1, 3 * C + 17, 5 * 1024 * 1024 + 3]) {
        const bytes = randomBytes(size);
        // Odd-sized arrivals, so pieces are cut across them.
        const stored = await blobs().put(chunked(bytes, 65_537), size);
        assert.deepEqual(stored, { key: sha256(bytes), size }, `size ${size}`);
        assert.equal(await pieces(stored.key), Math.ceil(size / C), `pieces of ${size}`);
        const back = await readBlob(blobs(), stored.key);
        assert.ok(back?.equals(bytes), `the bytes of size ${size}`);
      }
      assert.deepEqual(await uploading(), []);
    });

    it('keeps equal bytes once, also when two uploads of them run at once', async () => {
      const bytes = randomBytes(2 * C + 5);
      const [a, b] = await Promise.all([
        blobs().put(chunked(bytes, 10_000), bytes.length),
        blobs().put(chunked(bytes, 7_000), bytes.length),
      ]);
      assert.deepEqual(a, b);
      await blobs().putBuffer(bytes);
      assert.equal(await pieces(a.key), 3);
      const rows = await test.store.db
        .selectFrom('blobs')
        .select('size')
        .where('key', '=', a.key)
        .execute();
      assert.deepEqual(rows, [{ size: bytes.length }]);
      assert.deepEqual(await uploading(), []);
      assert.ok((await readBlob(blobs(), a.key))?.equals(bytes));
    });

    it('drops the pieces already written when an upload turns out too large or fails', async () => {
      const bytes = randomBytes(4 * C);
      await assert.rejects(blobs().put(chunked(bytes, 50_000), 3 * C + 1), BlobTooLargeError);
      assert.deepEqual(await uploading(), []);
      await assert.rejects(blobs().put(failing(bytes, 2 * C + 100, 50_000), 4 * C), /went away/);
      assert.deepEqual(await uploading(), []);
      assert.equal(await blobs().open(sha256(bytes)), undefined);
    });

    it('sweeps, at the next upload, the pieces of an upload whose node died a day ago', async () => {
      const { db } = test.store;
      const died = { uploadKey: 'upload:died', startedAt: Date.now() - DAY_MS - 1 };
      await insertUploadChunk(db, died, 0, randomBytes(100));
      const recent = { uploadKey: 'upload:running', startedAt: Date.now() };
      await insertUploadChunk(db, recent, 0, randomBytes(100));
      await blobs().put(chunked(Buffer.from('next')), 100);
      assert.deepEqual(await uploading(), ['upload:running']);
      await db.deleteFrom('blobChunks').where('blobKey', '=', 'upload:running').execute();
    });

    it('reads a piece only when the consumer wants more', async () => {
      const bytes = randomBytes(8 * C);
      const { key } = await blobs().putBuffer(bytes);
      const { counter, plugin } = chunkReads();
      const lazy = databaseBlobStore(test.store.db.withPlugin(plugin));
      const opened = await lazy.open(key);
      assert.ok(opened);
      assert.equal(opened.size, bytes.length);
      assert.equal(counter.reads, 0, 'opening reads no piece');

      const { stream } = opened;
      // Paused: asking once reads one piece, which fills the buffer past its high-water mark.
      assert.equal(stream.read(), null);
      await new Promise((resolve) => stream.once('readable', resolve));
      assert.equal(counter.reads, 1);
      const first = stream.read() as Buffer;
      assert.ok(first.equals(bytes.subarray(0, C)));
      await new Promise((resolve) => stream.once('readable', resolve));
      assert.equal(counter.reads, 2, 'the second piece only once the first was taken');
      stream.destroy();
    });

    it('pipes 50 MB to a slow consumer at most two pieces ahead of it', async () => {
      const size = 50 * 1024 * 1024;
      // Written piece by piece from a generator: the test holds no 50 MB buffer either.
      const hash = createHash('sha256');
      const { key } = await blobs().put(
        Readable.from(
          (function* () {
            for (let i = 0; i < size / C; i++) {
              const piece = Buffer.alloc(C, i % 251);
              hash.update(piece);
              yield piece;
            }
          })(),
        ),
        size,
      );
      const { counter, plugin } = chunkReads();
      const opened = await databaseBlobStore(test.store.db.withPlugin(plugin)).open(key);
      assert.ok(opened);
      let received = 0;
      let mostAhead = 0;
      const back = createHash('sha256');
      const slow = new Writable({
        highWaterMark: 1024,
        write(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          back.update(chunk);
          // Pieces asked for beyond those this consumer has been handed.
          mostAhead = Math.max(mostAhead, counter.reads - Math.ceil(received / C));
          // Takes its time: the next macrotask, whatever the database is doing.
          setImmediate(done);
        },
      });
      await pipeline(opened.stream, slow);
      assert.equal(received, size);
      assert.equal(back.digest('hex'), hash.digest('hex'));
      assert.equal(counter.reads, size / C);
      assert.ok(mostAhead <= 2, `${mostAhead} pieces ahead`);
    });
  });
}
