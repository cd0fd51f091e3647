import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { UPLOAD_FRAMING_BYTES } from '../../../src/attachments/index.js';
import { signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// Issue 16, point 9: a file over MAX_ATTACHMENT_MB was uploaded in full before it was refused.
// Now a Content-Length that cannot hold a file within the limit is refused before the body.

const LIMIT_MB = '0.5';
const LIMIT_BYTES = Math.round(0.5 * 1024 * 1024);

/**
 * Starts an upload whose headers announce `length` bytes, sends only its first kilobyte and
 * waits for the answer: one that comes proves the server did not wait for the rest.
 */
function announceUpload(url: string, cookie: string, length: number) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>(
    (resolve, reject) => {
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
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          req.destroy();
          resolve({
            status: response.statusCode ?? 0,
            connection: response.headers.connection,
            body,
          });
        });
      });
      req.write(
        '--limit\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n',
      );
      req.write(Buffer.alloc(1024, 1));
    },
  );
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
  });
}
