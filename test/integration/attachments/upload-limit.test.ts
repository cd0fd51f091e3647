import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { UPLOAD_FRAMING_BYTES } from '../../../src/attachments/index.js';
import { signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { storedBlobs } from '../../helpers/stored-blobs.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// Issue 16, point 9: a file over MAX_ATTACHMENT_MB was uploaded in full before it was refused.
// Now a Content-Length that cannot hold a file within the limit is refused before the body.

const LIMIT_MB = '0.5';
const LIMIT_BYTES = Math.round(0.5 * 1024 * 1024);

/** A response's status, Connection header and whole body (text). */
async function answerOf(response: IncomingMessage) {
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += chunk;
  return { status: response.statusCode ?? 0, connection: response.headers.connection, body };
}

/**
 * Starts an upload whose headers announce `length` bytes, sends only its first kilobyte and
 * waits for the answer: one that comes proves the server did not wait for the rest.
 */
function announceUpload(url: string, cookie: string, length: number) {
  return new Promise<Awaited<ReturnType<typeof answerOf>>>((resolve, reject) => {
    const req = httpRequest(new URL('/api/v1/attachments', url), {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'multipart/form-data; boundary=limit',
        'content-length': String(length),
      },
    });
    req.on('error', reject);
    req.on('response', (response: IncomingMessage) => {
      answerOf(response).then((answer) => {
        req.destroy();
        resolve(answer);
      }, reject);
    });
    req.write('--limit\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n');
    req.write(Buffer.alloc(1024, 1));
  });
}

/**
 * Uploads `content` as the field `file` in a chunked body (no Content-Length, as a streaming
 * client sends it), in pieces of 64 KiB; resolves with the status once the answer came.
 */
function chunkedUpload(url: string, cookie: string, content: Buffer) {
  return new Promise<Awaited<ReturnType<typeof answerOf>>>((resolve, reject) => {
    const req = httpRequest(new URL('/api/v1/attachments', url), {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'multipart/form-data; boundary=chunked',
        'transfer-encoding': 'chunked',
      },
    });
    req.on('error', reject);
    req.on('response', (response: IncomingMessage) => {
      answerOf(response).then(resolve, reject);
    });
    req.write(
      '--chunked\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n' +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    for (let at = 0; at < content.length; at += 65536) req.write(content.subarray(at, at + 65536));
    req.end('\r\n--chunked--\r\n');
  });
}

for (const engine of testEngines()) {
  describe(`an upload over MAX_ATTACHMENT_MB (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      server = await startTestService(engine, { MAX_ATTACHMENT_MB: LIMIT_MB });
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server?.close();
    });

    it('is refused from its Content-Length before its body is sent: 413 naming the limit in MB', async () => {
      const reply = await announceUpload(
        server.url,
        admin.cookie!,
        LIMIT_BYTES + UPLOAD_FRAMING_BYTES + 1,
      );
      assert.equal(reply.status, 413);
      assert.equal(reply.connection, 'close', 'the rest of the body is not read');
      assert.deepEqual(JSON.parse(reply.body), {
        error: { code: 'payload_too_large', message: 'An attachment may be at most 0.5 MB' },
      });
      const rows = await server.service.store.db.selectFrom('attachments').select('id').execute();
      assert.deepEqual(rows, []);
    });

    it('is still refused as it streams in when its length is within the framing allowance', async () => {
      const reply = await uploadAttachment(admin, 'big.bin', Buffer.alloc(LIMIT_BYTES + 1, 1));
      assert.equal(reply.status, 413);
      assert.equal(reply.body.error.message, 'An attachment may be at most 0.5 MB');
      const fits = await uploadAttachment(admin, 'fits.bin', Buffer.alloc(LIMIT_BYTES, 1));
      assert.equal(fits.status, 201);
    });

    it('keeps nothing of a refused upload, one byte over or chunked: no row, no bytes (tester, issue 17)', async () => {
      // Before: the parser cut the file at the limit, the blob store took those bytes whole, and
      // a row named them; the 413 came after.
      const db = server.service.store.db;
      const rowsBefore = await db.selectFrom('attachments').select('id').orderBy('id').execute();
      const blobsBefore = await storedBlobs(server);
      const over = await uploadAttachment(admin, 'over.bin', Buffer.alloc(LIMIT_BYTES + 1, 2));
      assert.equal(over.status, 413);
      assert.equal(over.body.error.message, 'An attachment may be at most 0.5 MB');
      const chunked = await chunkedUpload(
        server.url,
        admin.cookie!,
        Buffer.alloc(LIMIT_BYTES + 70_000, 3),
      );
      assert.equal(chunked.status, 413, chunked.body);
      assert.equal(chunked.connection, 'close', 'the unread rest of the body ends the connection');
      assert.deepEqual(
        await db.selectFrom('attachments').select('id').orderBy('id').execute(),
        rowsBefore,
      );
      assert.deepEqual(await storedBlobs(server), blobsBefore);
      // A file of the limit exactly, chunked, is still taken.
      const exact = await chunkedUpload(server.url, admin.cookie!, Buffer.alloc(LIMIT_BYTES, 4));
      assert.equal(exact.status, 201, exact.body);
      assert.equal((await storedBlobs(server)).keys.length, blobsBefore.keys.length + 1);
    });
  });
}
