import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

/** Numbers `Number()` reads (and so ajv's coercion did) that are no plain decimal numeral. */
const NOT_DECIMAL = [
  '0x10',
  '1e2',
  '%2010',
  '10%20',
  '%2B10',
  '0b101',
  '0o7',
  '1_0',
  '',
  '.5',
  '10.0',
  '010',
];

/** Cursors the server never gave: not one of its ids. */
const FOREIGN_CURSORS = ['abc', 'NaN', '1e999', 'Infinity', '-1', '0', '%20'];

/** The reply is 400 `validation_failed` with the error body, its message naming `field`. */
function assertFieldRefused(
  reply: { status: number; body: any; text: string },
  field: string,
  what: string,
): void {
  assert.equal(reply.status, 400, `${what}: ${reply.status} ${reply.text}`);
  assert.equal(reply.body.error.code, 'validation_failed', what);
  assert.match(reply.body.error.message, new RegExp(field), what);
}

for (const engine of testEngines()) {
  describe(`numbers, dates and cursors in a query are read strictly (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;
    let messageId: string;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
      const draft = await admin.post('/api/v1/messages', {
        to: [{ email: 'a@example.com' }],
        subject: 's',
        text: 't',
      });
      assert.equal(draft.status, 201);
      messageId = draft.body.id;
    });
    after(() => server.close());

    /** Every route with a number in its query, the parameter's name, and a value it takes. */
    const numericRoutes = (): [string, string, string][] => [
      ['/api/v1/messages', 'limit', '10'],
      [`/api/v1/messages/${messageId}/events`, 'limit', '10'],
      ['/api/v1/stats/daily', 'days', '10'],
      ['/api/v1/notifications', 'limit', '10'],
      ['/api/v1/opt-outs', 'limit', '10'],
      ['/api/v1/dev/inbox', 'limit', '10'],
      ['/api/v1/webhooks/00000000000000000000000000/deliveries', 'limit', '10'],
    ];

    it('takes replied=true and replied=false as the sent list’s filter, and nothing else', async () => {
      for (const value of ['true', 'false']) {
        assert.equal((await admin.get(`/api/v1/messages?replied=${value}`)).status, 200, value);
      }
      for (const value of ['0', '1', 'yes', '']) {
        const reply = await admin.get(`/api/v1/messages?replied=${value}`);
        assertFieldRefused(reply, 'querystring/replied', `replied=${value}`);
      }
    });

    it('refuses a number that is no plain decimal numeral on every route, naming the field', async () => {
      for (const [path, name, good] of numericRoutes()) {
        if (!path.includes('/webhooks/')) {
          const plain = await admin.get(`${path}?${name}=${good}`);
          assert.equal(plain.status, 200, `${path} ${name}=${good}: ${plain.text}`);
        }
        for (const bad of NOT_DECIMAL) {
          const reply = await admin.get(`${path}?${name}=${bad}`);
          assertFieldRefused(reply, `querystring/${name}`, `${path} ${name}=${bad}`);
        }
      }
    });

    it('refuses a cursor the server never gave on every paged route, and takes one it gave', async () => {
      const paged: [string, string][] = [
        ['/api/v1/messages', 'cursor'],
        [`/api/v1/messages/${messageId}/events`, 'after'],
        ['/api/v1/notifications', 'after'],
        ['/api/v1/opt-outs', 'cursor'],
        ['/api/v1/webhooks/00000000000000000000000000/deliveries', 'cursor'],
      ];
      for (const [path, name] of paged) {
        for (const bad of FOREIGN_CURSORS) {
          const reply = await admin.get(`${path}?${name}=${bad}`);
          assertFieldRefused(
            reply,
            `querystring/${name} must be a cursor`,
            `${path} ${name}=${bad}`,
          );
        }
      }
      const second = await admin.post('/api/v1/messages', {
        to: [{ email: 'b@example.com' }],
        subject: 's',
        text: 't',
      });
      assert.equal(second.status, 201);
      const first = await admin.get('/api/v1/messages?limit=1');
      assert.equal(first.status, 200);
      const next = await admin.get(`/api/v1/messages?limit=1&cursor=${first.body.cursor}`);
      assert.equal(next.status, 200, next.text);
      assert.equal(next.body.messages.length, 1);
    });

    it('refuses a date with white space around it or hour 24, in the query and the body', async () => {
      for (const bad of [
        '2030-01-01T00:00:00Z%0A',
        '%202030-01-01T00:00:00Z',
        '2030-01-01T00:00:00Z%20',
        '2030-01-01%0A',
        '2030-01-01T24:00:00Z',
        '2030-01-01T23:60:00Z',
        '2030-01-01T10:00Z',
        '2030-02-30',
      ]) {
        for (const name of ['from', 'to']) {
          const reply = await admin.get(`/api/v1/events.csv?${name}=${bad}`);
          assertFieldRefused(reply, `querystring/${name}`, `${name}=${bad}`);
        }
      }
      for (const bad of [
        '2030-01-01T24:00:00Z',
        '2030-01-01T00:00:00Z\n',
        ' 2030-01-01T00:00:00Z',
      ]) {
        const reply = await admin.patch(`/api/v1/messages/${messageId}/attachments/x`, {
          expiresAt: bad,
        });
        assertFieldRefused(reply, 'expiresAt', JSON.stringify(bad));
      }
      const fine = await admin.get('/api/v1/events.csv?from=2030-01-01&to=2030-01-01T23:59:59Z');
      assert.equal(fine.status, 200, fine.text);
    });
  });
}
