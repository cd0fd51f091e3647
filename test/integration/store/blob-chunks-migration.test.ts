import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { BLOB_CHUNK_BYTES, databaseBlobStore } from '../../../src/blobs/index.js';
import { readBlob } from '../../helpers/blob-store-contract.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { testMigrator } from '../../helpers/test-migrator.js';
import { openTestStore } from '../../helpers/test-store.js';

/** The last migration before blob bytes moved into pieces. */
const BEFORE = '2026_11_30_020000_one_recipient_index';
const C = BLOB_CHUNK_BYTES;

for (const engine of testEngines()) {
  describe(`moving the blobs table's bytes into pieces (${engine})`, () => {
    it('leaves every blob stored before readable, whole and sized, and can move them back', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database, { migrate: false });
      try {
        const { plain, migrator } = testMigrator(database, store);
        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        const blobs = [0, 1, C - 1, C, 3 * C + 5].map((size) => randomBytes(size));
        const keyOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
        for (const bytes of blobs) {
          await plain
            .insertInto('blobs')
            .values({ key: keyOf(bytes), bytes, size: bytes.length, created_at: 1 })
            .execute();
        }

        assert.equal((await migrator.migrateToLatest()).error, undefined);
        const store2 = databaseBlobStore(store.db);
        for (const bytes of blobs) {
          const back = await readBlob(store2, keyOf(bytes));
          assert.ok(back?.equals(bytes), `the ${bytes.length} bytes`);
        }
        const pieces = await store.db
          .selectFrom('blobChunks')
          .select(['blobKey', 'chunkIndex', 'uploadStartedAt'])
          .execute();
        assert.equal(pieces.length, 0 + 1 + 1 + 1 + 4);
        assert.ok(pieces.every((p) => p.uploadStartedAt === null));
        // PostgreSQL lists every schema's tables: this test's only.
        const tables = await plain.introspection.getTables();
        const { columns } = tables.find(
          (t) => t.name === 'blobs' && (t.schema ?? undefined) === database.schema,
        )!;
        assert.deepEqual(columns.map((c) => c.name).sort(), ['created_at', 'key', 'size']);

        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        for (const bytes of blobs) {
          const row = await plain
            .selectFrom('blobs')
            .select('bytes')
            .where('key', '=', keyOf(bytes))
            .executeTakeFirstOrThrow();
          assert.ok(Buffer.from(row.bytes).equals(bytes), `the ${bytes.length} bytes, back`);
        }
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
