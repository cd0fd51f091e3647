import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`operations endpoints (${engine})`, () => {
    let server: TestService;
    let client: HttpClient;

    before(async () => {
      server = await startTestService(engine);
      client = new HttpClient(server.url);
    });
    after(() => server.close());

    it('GET /healthz answers 200', async () => {
      const reply = await client.get('/healthz');
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { status: 'ok' });
    });

    it('GET /readyz answers 200 while the database answers', async () => {
      const reply = await client.get('/readyz');
      assert.equal(reply.status, 200);
    });

    it('GET /metrics serves Prometheus text with HTTP timings and event counters', async () => {
      await signupAdmin(server.url);
      const reply = await client.get('/metrics');
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(
        reply.text,
        /mailbeacon_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/signup",status="201"\} 1/,
      );
      assert.match(reply.text, /# TYPE mailbeacon_tracking_events_total counter/);
      assert.match(reply.text, /# TYPE mailbeacon_tracking_record_failures_total counter/);
      assert.match(reply.text, /process_cpu_user_seconds_total/);
    });

    it('serves the OpenAPI document, listing every API route with a response schema', async () => {
      const page = await client.get('/api/docs');
      assert.ok([200, 302].includes(page.status));
      const reply = await client.get('/api/docs/json');
      assert.equal(reply.status, 200);
      const paths = reply.body.paths as Record<string, Record<string, { responses?: object }>>;
      for (const path of [
        '/api/v1/auth/signup',
        '/api/v1/auth/login',
        '/api/v1/api-keys',
        '/api/v1/invites',
        '/healthz',
        '/readyz',
        '/metrics',
      ]) {
        assert.ok(paths[path], `${path} is documented`);
      }
      // A declared response schema shows as `content` on the success status (204 has none).
      const undeclared = Object.entries(paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => {
            const responses = (operation.responses ?? {}) as Record<string, { content?: object }>;
            const successes = Object.entries(responses).filter(([status]) =>
              status.startsWith('2'),
            );
            const described = successes.every(([status, r]) => status === '204' || r.content);
            return successes.length === 0 || !described || !responses['4XX'];
          })
          .map(([method]) => `${method} ${path}`),
      );
      assert.deepEqual(undeclared, []);
      assert.ok(Object.keys(paths).length >= 9);
    });

    it('GET /readyz answers 503 database_unavailable once the database is gone', async () => {
      const separate = await startTestService(engine);
      try {
        await separate.service.store.close();
        const reply = await new HttpClient(separate.url).get('/readyz');
        assert.equal(reply.status, 503);
        assert.equal(reply.body.error.code, 'database_unavailable');
        const health = await new HttpClient(separate.url).get('/healthz');
        assert.equal(health.status, 200);
      } finally {
        await separate.close();
      }
    });
  });
}
