import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// The boundary Chromium writes: "----WebKitFormBoundary" and 16 random characters.
const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';

/**
 * An upload as Chromium sends it from `<input type=file>`: the file name already escaped by the
 * HTML standard's multipart/form-data encoding (`"` → %22, CR → %0D, LF → %0A, nothing else).
 */
function chromiumUpload(client: HttpClient, encodedName: string) {
  const body = [
    `--${BOUNDARY}`,
    `Content-Disposition: form-data; name="file"; filename="${encodedName}"`,
    'Content-Type: application/pdf',
    '',
    '%PDF-1.7 offerta',
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
  return client.request('POST', '/api/v1/attachments', {
    rawBody: body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
}

for (const engine of testEngines()) {
  describe(`file names of browser uploads (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
    });
    after(() => server.close());

    it('decodes %22 as a quote wherever it stands, and no other percent sequence', async () => {
      const cases: [encoded: string, stored: string][] = [
        ['Angebot %22Q4%22.pdf', 'Angebot "Q4".pdf'],
        ['%22Entwurf.pdf', '"Entwurf.pdf'],
        ['Entwurf%22', 'Entwurf"'],
        ['%22%22.pdf', '"".pdf'],
        ['%22', '"'],
        ['Rabatt 100%25.pdf', 'Rabatt 100%25.pdf'],
        ['%41nhang.pdf', '%41nhang.pdf'],
        ['50% off.pdf', '50% off.pdf'],
        ['%2522.pdf', '%2522.pdf'],
        // Decoded first, then made safe as every name is: the leading dots still go.
        ['..%22x.pdf', '"x.pdf'],
      ];
      for (const [encoded, stored] of cases) {
        const reply = await chromiumUpload(admin, encoded);
        assert.equal(reply.status, 201, `${encoded}: ${reply.text}`);
        assert.equal(reply.body.filename, stored, encoded);
      }
    });

    it('refuses a name with an encoded line break, with the error body', async () => {
      for (const encoded of ['a%0D%0AX-Header: y.pdf', 'a%0Ab.pdf', 'a%0db.pdf', '%0D']) {
        const reply = await chromiumUpload(admin, encoded);
        assert.equal(reply.status, 400, `${encoded}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', encoded);
        assert.match(reply.body.error.message, /line break/, encoded);
      }
      // The connection still serves the next upload after a refused one.
      const next = await chromiumUpload(admin, 'ok.pdf');
      assert.equal(next.status, 201, next.text);
    });
  });
}
