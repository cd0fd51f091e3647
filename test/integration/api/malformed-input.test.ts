import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSignup, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const BOUNDARY = 'mbBoundary123';

/** A multipart upload of `body` as it is, with `contentType` (default: the boundary above). */
async function rawUpload(
  client: HttpClient,
  body: string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
) {
  return client.request('POST', '/api/v1/attachments', {
    rawBody: body,
    headers: { 'content-type': contentType },
  });
}

function filePart(name: string, filename: string, content = 'hello'): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;
}

function assertRefused(
  reply: { status: number; body: any; text: string },
  status: number,
  what: string,
) {
  assert.equal(reply.status, status, `${what}: ${reply.status} ${reply.text}`);
  assert.equal(typeof reply.body.error.code, 'string', what);
  assert.equal(typeof reply.body.error.message, 'string', what);
}

for (const engine of testEngines()) {
  describe(`malformed input is a 4xx with the error body (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
    });
    after(() => server.close());

    it('refuses every kind of malformed multipart upload', async () => {
      const cases: [string, () => Promise<any>, number][] = [
        ['truncated body', () => rawUpload(admin, filePart('file', 'a.txt').slice(0, 90)), 400],
        ['no closing boundary', () => rawUpload(admin, filePart('file', 'a.txt')), 400],
        [
          'boundary-less content type',
          () => rawUpload(admin, filePart('file', 'a.txt'), 'multipart/form-data'),
          400,
        ],
        [
          'empty boundary',
          () => rawUpload(admin, filePart('file', 'a.txt'), 'multipart/form-data; boundary='),
          400,
        ],
        [
          'a field where the file is expected',
          () =>
            rawUpload(
              admin,
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--${BOUNDARY}--\r\n`,
            ),
          400,
        ],
        [
          'too many parts',
          () =>
            rawUpload(
              admin,
              `${Array.from({ length: 30 }, (_, i) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('')}--${BOUNDARY}--\r\n`,
            ),
          400,
        ],
        [
          'too many fields',
          () =>
            rawUpload(
              admin,
              `${Array.from({ length: 12 }, (_, i) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('')}${filePart('file', 'a.txt')}--${BOUNDARY}--\r\n`,
            ),
          400,
        ],
        [
          'over-long field name',
          () =>
            rawUpload(
              admin,
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${'n'.repeat(200_000)}"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
            ),
          400,
        ],
        [
          'a file name with a line break',
          () =>
            rawUpload(
              admin,
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''a%0D%0AX%3A%20y.txt\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`,
            ),
          400,
        ],
      ];
      for (const [what, send, status] of cases) {
        assertRefused(await send(), status, what);
      }
    });

    it('refuses a second file with 400 saying one file per upload, whatever its field', async () => {
      for (const [first, second] of <[string, string][]>[
        ['file', 'file'],
        ['file', 'other'],
        ['other', 'file'],
      ]) {
        const reply = await rawUpload(
          admin,
          `${filePart(first, 'a.txt', 'a')}${filePart(second, 'b.txt', 'b')}--${BOUNDARY}--\r\n`,
        );
        assertRefused(reply, 400, `${first} + ${second}`);
        assert.equal(reply.body.error.code, 'bad_request');
        assert.match(reply.body.error.message, /one file per upload/i);
      }
      const one = await rawUpload(admin, `${filePart('file', 'a.txt')}--${BOUNDARY}--\r\n`);
      assert.equal(one.status, 201, one.text);
    });

    it('refuses impossible instants: a leap second, 30 February, years out of range', async () => {
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'a@example.com' }],
        subject: 's',
        text: 't',
      });
      assert.equal(draft.status, 201);
      for (const at of [
        '2030-06-30T23:59:60Z',
        '2030-02-30T10:00:00Z',
        '0000-01-01T00:00:00Z',
        '1969-12-31T23:59:59Z',
        '2030-01-01T25:00:00Z',
      ]) {
        const reply = await admin.patch(`/api/v1/messages/${draft.body.id}/attachments/x`, {
          expiresAt: at,
        });
        assertRefused(reply, 400, at);
        assert.equal(reply.body.error.code, 'validation_failed', at);
      }
    });

    it('refuses control characters in names, subjects and addresses, naming the field', async () => {
      for (const bad of ['Anna\r\nX: y', 'Anna\u0085', 'Anna\u2028', 'Anna\u007f', 'Anna\tRossi']) {
        const me = await admin.patch('/api/v1/auth/me', { name: bad });
        assertRefused(me, 400, JSON.stringify(bad));
        assert.match(me.body.error.message, /body\/name must be one line of text/);
      }
      const subject = await admin.post('/api/v1/messages', {
        to: [{ email: 'a@example.com' }],
        subject: 'Hi\nBcc: x@y.z',
        text: 't',
      });
      assertRefused(subject, 400, 'subject');
      assert.match(subject.body.error.message, /body\/subject/);
      const address = await admin.post('/api/v1/messages', {
        to: [{ email: 'a@example.com', name: 'A\r\nB' }],
        subject: 's',
        text: 't',
      });
      assert.match(address.body.error.message, /body\/to\/0\/name/);
      const key = await admin.post('/api/v1/api-keys', { name: 'ci\u0000' });
      assertRefused(key, 400, 'api key name');
      const sender = await admin.patch('/api/v1/workspace/settings', {
        defaultSender: { email: 'a@example.com', name: 'Team\r\nX: y' },
      });
      assert.match(sender.body.error.message, /body\/defaultSender\/name/);
      const signup = await new HttpClient(server.url).post(
        '/api/v1/auth/signup',
        buildSignup({ workspace: 'Acme\u2029' }),
      );
      assertRefused(signup, 400, 'workspace name');
    });

    it('refuses numbers out of range: huge, negative, fractional, and 1e999 (Infinity)', async () => {
      for (const days of ['1e999', '-1', '0', '1.5', '367', '99999999999999999999']) {
        assertRefused(await admin.get(`/api/v1/stats/daily?days=${days}`), 400, days);
      }
      const body = await admin.request('POST', '/api/v1/messages', {
        rawBody:
          '{"to":[{"email":"a@example.com"}],"subject":"s","text":"t","tracking":{"enabled":true,"attachmentLinkTtlDays":1e999}}',
      });
      assertRefused(body, 400, 'Infinity in a body');
    });

    it('takes a JSON body’s values as their JSON types: null, "true" or 1 is no boolean, "7" no number', async () => {
      const message = { to: [{ email: 'a@example.com' }], subject: 's', text: 't' };
      for (const enabled of [null, 'true', 'false', 1, 0]) {
        const reply = await admin.post('/api/v1/messages', { ...message, tracking: { enabled } });
        assertRefused(reply, 400, `tracking.enabled = ${JSON.stringify(enabled)}`);
      }
      const ttl = await admin.post('/api/v1/messages', {
        ...message,
        tracking: { enabled: true, attachmentLinkTtlDays: '7' },
      });
      assertRefused(ttl, 400, 'a number as text');
      for (const trackingDefault of [null, 'true', 1]) {
        const reply = await admin.patch('/api/v1/workspace/settings', { trackingDefault });
        assertRefused(reply, 400, `trackingDefault = ${JSON.stringify(trackingDefault)}`);
      }
      // Nothing was changed by the refusals; and a query's text is still read as its number.
      assert.equal((await admin.get('/api/v1/workspace/settings')).body.trackingDefault, false);
      assert.equal((await admin.get('/api/v1/stats/daily?days=7')).status, 200);
    });
  });
}
