import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BLOB_CHUNK_BYTES } from '../../../src/blobs/index.js';
import {
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  uploadAttachment,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { unzip } from '../../helpers/unzip.js';

// Files of many blob pieces, through the HTTP endpoints and the sending job: on PostgreSQL the
// bytes stream from `blob_chunks` (the database blob store), on SQLite from DATA_DIR.
for (const engine of testEngines()) {
  describe(`attachments of many pieces, downloaded and sent (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let sent: SentMessage;
    const big = randomBytes(12 * BLOB_CHUNK_BYTES + 12_345);
    const small = randomBytes(BLOB_CHUNK_BYTES + 1);
    let bigId: string;
    let smallId: string;

    /** The download buttons' form actions of Mario's copy. */
    const actions = async () => {
      const page = await fetch(onServer(sent.urls('mario@example.org').download!, server.url));
      assert.equal(page.status, 200);
      return [...(await page.text()).matchAll(/action="([^"]+)"/g)].map((m) =>
        m[1]!.replaceAll('&amp;', '&'),
      );
    };
    const post = (action: string) => fetch(new URL(action, server.url), { method: 'POST' });

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 100 } });
      admin = (await signupAdmin(server.url)).client;
      bigId = (await uploadAttachment(admin, 'catalogo.pdf', big)).body.id;
      smallId = (await uploadAttachment(admin, 'listino.bin', small, 'application/octet-stream'))
        .body.id;
      sent = await sendTrackedMessage(
        admin,
        { attachments: [bigId, smallId], tracking: { enabled: true } },
        { relay },
      );
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('keeps the blobs where the engine says', async () => {
      const pieces = await server.service.store.db
        .selectFrom('blobChunks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const expected = engine === 'postgres' ? 13 + 2 : 0;
      assert.equal(Number(pieces.n), expected);
    });

    it('serves one file whole, with its Content-Length', async () => {
      const one = (await actions()).find((a) => a.endsWith(`/${bigId}`))!;
      const file = await post(one);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-length'), String(big.length));
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.equal(bytes.length, big.length);
      assert.ok(bytes.equals(big), 'the same bytes');
    });

    it('serves all files as one zip of the same bytes', async () => {
      const all = (await actions()).find((a) => a.endsWith('/all'))!;
      const zip = await post(all);
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      const files = await unzip(Buffer.from(await zip.arrayBuffer()));
      assert.ok(files.get('catalogo.pdf')?.equals(big));
      assert.ok(files.get('listino.bin')?.equals(small));
    });

    it('attaches the files whole to an untracked copy', async () => {
      const untracked = await sendTrackedMessage(
        admin,
        {
          to: [{ email: 'lucia@example.org' }],
          attachments: [bigId, smallId],
          tracking: { enabled: false },
        },
        { relay },
      );
      const [mail] = untracked.mails;
      const attached = new Map(mail!.parsed.attachments.map((a) => [a.filename, a.content]));
      assert.ok(attached.get('catalogo.pdf')?.equals(big));
      assert.ok(attached.get('listino.bin')?.equals(small));
    });

    if (engine === 'postgres') {
      it('ends a download whose bytes turn out damaged midway, and goes on serving', async () => {
        const { db } = server.service.store;
        const key = (
          await db
            .selectFrom('attachments')
            .select('sha256')
            .where('id', '=', smallId)
            .executeTakeFirstOrThrow()
        ).sha256;
        await db
          .deleteFrom('blobChunks')
          .where('blobKey', '=', key)
          .where('chunkIndex', '=', 1)
          .execute();
        const links = await actions();
        const zip = await post(links.find((a) => a.endsWith('/all'))!);
        await assert.rejects(zip.arrayBuffer(), 'the zip breaks off');
        const one = await post(links.find((a) => a.endsWith(`/${smallId}`))!);
        assert.equal(one.headers.get('content-length'), String(small.length));
        await assert.rejects(one.arrayBuffer(), 'the file breaks off short of its length');
        const whole = await post(links.find((a) => a.endsWith(`/${bigId}`))!);
        assert.ok(Buffer.from(await whole.arrayBuffer()).equals(big));
      });
    }
  });
}
