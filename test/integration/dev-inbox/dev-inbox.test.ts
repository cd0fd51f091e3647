import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type BlobStore, databaseBlobStore, fsBlobStore } from '../../../src/blobs/index.js';
import { loadConfig } from '../../../src/config.js';
import { createDevInbox, type DevInbox } from '../../../src/dev-inbox/index.js';
import { type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** The whole of streamMime's bytes. */
const mimeBytes = (copy: MailCopy) => buffer(streamMime(copy));

/** The workspace the mails' login proved. */
const W = 'workspace-1';

const envelope = { from: 'bounce@mailbeacon.test', to: ['anna@example.org', 'bcc@example.net'] };

function sampleMail(subject: string): Promise<Buffer> {
  return mimeBytes({
    from: { email: 'me@mailbeacon.test', name: 'Mário Rossi' },
    to: [{ email: 'anna@example.org', name: 'Zoë Ōta' }, { email: 'b@example.org' }],
    cc: [],
    subject,
    html: '<p>Ciao <img src="cid:logo@mb"></p>',
    text: 'Ciao',
    attachments: [
      { filename: 'relazione.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') },
    ],
    inline: [
      {
        cid: 'logo@mb',
        filename: 'logo.png',
        contentType: 'image/png',
        content: Buffer.from('png'),
      },
    ],
    messageId: `<${subject.length}.${Math.random()}@mailbeacon.test>`,
    date: new Date('2026-11-27T10:00:00Z'),
  });
}

for (const engine of testEngines()) {
  for (const blobKind of ['fs', 'database'] as const) {
    describe(`dev inbox store (${engine}, ${blobKind} blobs)`, () => {
      let database: TestDatabase;
      let store: Store;
      let blobs: BlobStore;
      let inbox: DevInbox;

      before(async () => {
        database = await createTestDatabase(engine);
        const config = loadConfig({ ...database.env, LOG_LEVEL: 'silent' });
        store = await openStore(config.database, { schema: database.schema, maxConnections: 4 });
        await store.migrate();
        blobs = blobKind === 'fs' ? fsBlobStore(database.dataDir) : databaseBlobStore(store.db);
      });
      beforeEach(async () => {
        await store.db.deleteFrom('devInbox').execute();
        inbox = createDevInbox(store, blobs);
      });
      after(async () => {
        await store.close();
        await database.drop();
      });

      it('keeps a mail: decoded headers for the listing, the source byte for byte', async () => {
        const raw = await sampleMail('Fattura n° 7 ☕ — “urgente”');
        const before = Date.now();
        await inbox.receive({ raw, envelope, login: W });
        const [row, ...rest] = await inbox.list(W, 10);
        assert.equal(rest.length, 0);
        assert.ok(row);
        assert.equal(row.subject, 'Fattura n° 7 ☕ — “urgente”');
        assert.equal(row.headerFrom, 'Mário Rossi <me@mailbeacon.test>');
        assert.equal(row.headerTo, 'Zoë Ōta <anna@example.org>, b@example.org');
        assert.equal(row.envelopeFrom, envelope.from);
        assert.deepEqual(JSON.parse(row.envelopeTo), envelope.to);
        assert.equal(row.size, raw.length);
        assert.ok(row.receivedAt >= before && row.receivedAt <= Date.now(), 'receivedAt is now');
        assert.deepEqual(await inbox.find(W, row.id), row);
        const stored = await inbox.raw(W, row.id);
        assert.ok(stored?.equals(raw), 'the stored source differs from what was received');
      });

      it('lists newest first, as many as asked', async () => {
        for (const subject of ['first', 'second', 'third']) {
          await inbox.receive({ raw: await sampleMail(subject), envelope, login: W });
          // Ids carry the millisecond; keep them apart so the order is the arrival order.
          const start = Date.now();
          while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
        }
        const all = await inbox.list(W, 100);
        assert.deepEqual(
          all.map((row) => row.subject),
          ['third', 'second', 'first'],
        );
        assert.deepEqual(
          (await inbox.list(W, 2)).map((row) => row.subject),
          ['third', 'second'],
        );
      });

      it('keeps what is not a mail at all, with empty headers', async () => {
        const junk = Buffer.from([
          0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x81, 0x1b, 0x5b, 0x41, 0x0a,
        ]);
        await inbox.receive({ raw: junk, envelope: { from: '', to: ['x@example.org'] }, login: W });
        const noHeaders = Buffer.from('just a line of text, no header, no blank line');
        await inbox.receive({
          raw: noHeaders,
          envelope: { from: '', to: ['y@example.org'] },
          login: W,
        });
        const rows = await inbox.list(W, 10);
        assert.equal(rows.length, 2);
        for (const row of rows) {
          assert.equal(row.subject, '');
          assert.equal(row.headerFrom, '');
          assert.equal(row.headerTo, '');
          assert.equal(row.envelopeFrom, '');
        }
        const sources = await Promise.all(rows.map((row) => inbox.raw(W, row.id)));
        assert.ok(sources.some((source) => source?.equals(junk)));
        assert.ok(sources.some((source) => source?.equals(noHeaders)));
      });

      it('files a mail under the workspace its login proved, one without under nobody', async () => {
        await inbox.receive({ raw: await sampleMail('mine'), envelope, login: W });
        await inbox.receive({ raw: await sampleMail('theirs'), envelope, login: 'workspace-2' });
        await inbox.receive({ raw: await sampleMail('nobody'), envelope });
        assert.deepEqual(
          (await inbox.list(W, 10)).map((row) => row.subject),
          ['mine'],
        );
        const [theirs] = await inbox.list('workspace-2', 10);
        assert.equal(await inbox.find(W, theirs!.id), undefined);
        assert.equal(await inbox.raw(W, theirs!.id), undefined);
        const rows = await store.db
          .selectFrom('devInbox')
          .select(['subject', 'workspaceId'])
          .execute();
        assert.deepEqual(rows.find((row) => row.subject === 'nobody')?.workspaceId, null);
      });

      it('knows no unknown id', async () => {
        assert.equal(await inbox.find(W, '0000000000nope'), undefined);
        assert.equal(await inbox.raw(W, '0000000000nope'), undefined);
      });

      it('fails, storing no row, when the source cannot be stored (the sender retries)', async () => {
        const broken: BlobStore = {
          ...blobs,
          putBuffer: async () => {
            throw new Error('disk full');
          },
        };
        const failing = createDevInbox(store, broken);
        await assert.rejects(
          failing.receive({ raw: await sampleMail('lost?'), envelope }),
          /disk full/,
        );
        assert.deepEqual(await inbox.list(W, 10), []);
      });
    });
  }
}
