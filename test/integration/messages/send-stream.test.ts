import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BLOB_CHUNK_BYTES } from '../../../src/blobs/index.js';
import { sendTrackedMessage, signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

const RETRY_MS = 60_000;

// An untracked copy's files go out streamed from the blob store (the database's pieces on
// PostgreSQL, DATA_DIR on SQLite) through the MIME writer to the relay.
for (const engine of testEngines()) {
  describe(`untracked copies with big files, streamed to the relay (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    const big = randomBytes(24 * BLOB_CHUNK_BYTES + 4321); // a little over 6 MiB
    let bigId: string;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url },
        { outbox: { pollMs: 100, retryDelaysMs: [RETRY_MS, RETRY_MS] } },
      );
      admin = (await signupAdmin(server.url)).client;
      bigId = (await uploadAttachment(admin, 'catalogo 2026 è.bin', big, 'application/zip')).body
        .id;
    });
    beforeEach(() => relay.reset());
    after(async () => {
      await server.close();
      await relay.close();
    });

    const delivery = async (id: string) =>
      (await admin.get(`/api/v1/messages/${id}`)).body.recipients[0].delivery as string;

    it('a multi-MB attachment arrives identical', async () => {
      const sent = await sendTrackedMessage(
        admin,
        {
          to: [{ email: 'lucia@example.org' }],
          attachments: [bigId],
          tracking: { enabled: false },
        },
        { relay },
      );
      const [file, ...others] = sent.mails[0]!.parsed.attachments;
      assert.deepEqual(others, []);
      assert.equal(file?.filename, 'catalogo 2026 è.bin');
      assert.equal(file?.contentType, 'application/zip');
      assert.equal(file?.content.length, big.length);
      assert.ok(file?.content.equals(big), 'the same bytes');
    });

    it('a blob read failing midway fails that send, deferred; the retry sends it whole', async () => {
      const { db } = server.service.store;
      const { sha256: key } = await db
        .selectFrom('attachments')
        .select('sha256')
        .where('id', '=', bigId)
        .executeTakeFirstOrThrow();
      // Damage the stored bytes 3 MiB in, keeping what is needed to mend them.
      let mend: () => Promise<void>;
      if (engine === 'postgres') {
        const where = { blobKey: key, chunkIndex: 12 };
        const row = await db
          .selectFrom('blobChunks')
          .selectAll()
          .where('blobKey', '=', where.blobKey)
          .where('chunkIndex', '=', where.chunkIndex)
          .executeTakeFirstOrThrow();
        await db
          .deleteFrom('blobChunks')
          .where('blobKey', '=', where.blobKey)
          .where('chunkIndex', '=', where.chunkIndex)
          .execute();
        mend = async () => {
          await db.insertInto('blobChunks').values(row).execute();
        };
      } else {
        const path = join(server.database.env.DATA_DIR!, 'blobs', key.slice(0, 2), key);
        const whole = await readFile(path);
        await truncate(path, 12 * BLOB_CHUNK_BYTES);
        mend = () => writeFile(path, whole);
      }

      const created = await admin.post('/api/v1/messages', {
        to: [{ email: 'marco@example.org' }],
        subject: 'Il catalogo',
        text: 'Ecco il catalogo.',
        attachments: [bigId],
        tracking: { enabled: false },
        send: true,
      });
      assert.equal(created.status, 201, created.text);
      const id: string = created.body.id;
      await waitUntil(async () => (await delivery(id)) === 'deferred', 'the copy deferred');
      assert.equal(relay.messages.length, 0, 'the relay kept nothing of the cut mail');

      await mend();
      server.clock.advance(RETRY_MS);
      const [mail] = await relay.waitFor(1, 20_000);
      await waitUntil(async () => (await delivery(id)) === 'sent', 'the copy sent on retry');
      assert.deepEqual(mail!.envelope.to, ['marco@example.org']);
      const [file] = mail!.parsed.attachments;
      assert.ok(file?.content.equals(big), 'the retry carries the same bytes, whole');
    });
  });
}
