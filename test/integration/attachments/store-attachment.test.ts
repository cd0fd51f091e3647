import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { storeAttachment } from '../../../src/attachments/index.js';
import { fsBlobStore } from '../../../src/blobs/index.js';
import { insertTestUser } from '../../factories.js';
import { readBlob } from '../../helpers/blob-store-contract.js';
import { testEngines } from '../../helpers/engines.js';
import { rejectsWith } from '../../helpers/errors.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`storing an uploaded attachment (${engine})`, () => {
    const test = useTestStore(engine);

    it('keeps the bytes under their hash and a row with a safe name and type', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const blobs = fsBlobStore(test.database.dataDir);
      const bytes = Buffer.from('%PDF-1.7 listino');
      const row = await storeAttachment(
        db,
        blobs,
        user,
        {
          filename: '../Listino\u202E.pdf',
          contentType: 'Application/PDF; charset=binary',
          stream: Readable.from([bytes]),
        },
        1000,
      );
      assert.equal(row.filename, 'Listino.pdf');
      assert.equal(row.contentType, 'application/pdf');
      assert.equal(row.size, bytes.length);
      assert.equal(row.workspaceId, user.workspaceId);
      assert.deepEqual(await readBlob(blobs, row.sha256), bytes);
    });

    it('refuses a file past the limit as payload_too_large and keeps no row', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const upload = {
        filename: 'big.bin',
        contentType: undefined,
        stream: Readable.from([Buffer.alloc(2048, 1)]),
      };
      await rejectsWith(
        storeAttachment(db, fsBlobStore(test.database.dataDir), user, upload, 1024),
        'MB_ERR_PAYLOAD_TOO_LARGE',
      );
      const rows = await db
        .selectFrom('attachments')
        .select('id')
        .where('uploadedBy', '=', user.id)
        .execute();
      assert.deepEqual(rows, []);
    });

    it('refuses a stream its parser cut short, keeping no row and no bytes nothing else holds', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const blobs = fsBlobStore(test.database.dataDir);
      /** Stores `bytes` as a multipart file the parser cut at its limit (`truncated` set). */
      const storeCut = (bytes: Buffer) =>
        storeAttachment(
          db,
          blobs,
          user,
          {
            filename: 'cut.bin',
            contentType: undefined,
            stream: Object.assign(Readable.from([bytes]), { truncated: true }),
          },
          1024,
        );
      const alone = Buffer.from('the first kilobyte of a larger file');
      await rejectsWith(storeCut(alone), 'MB_ERR_PAYLOAD_TOO_LARGE');
      const keyOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
      assert.equal(await blobs.open(keyOf(alone)), undefined, 'its bytes are gone');
      // Bytes another attachment holds stay.
      const shared = Buffer.from('bytes someone uploaded whole');
      const kept = await storeAttachment(
        db,
        blobs,
        user,
        { filename: 'b.bin', contentType: undefined, stream: Readable.from([shared]) },
        1024,
      );
      await rejectsWith(storeCut(shared), 'MB_ERR_PAYLOAD_TOO_LARGE');
      assert.deepEqual(await readBlob(blobs, kept.sha256), shared);
      const rows = await db
        .selectFrom('attachments')
        .select('id')
        .where('uploadedBy', '=', user.id)
        .execute();
      assert.deepEqual(rows, [{ id: kept.id }]);
    });
  });
}
