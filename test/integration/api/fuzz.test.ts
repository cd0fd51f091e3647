import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sendTrackedMessage, signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { bodyAfter, hostileValue, pathValue, queryValues } from '../../helpers/fuzz-arbitraries.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

/**
 * Every API route of the running service, found in its own OpenAPI document, gets arbitrary
 * bodies, queries and path parameters as an admin with a real API key: no answer is a 5xx, and
 * every refusal is the error body. Runs per route are few, so the whole stays within CI's minute.
 */

type Schema = Record<string, any>;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly body?: Schema;
  readonly query: { name: string; schema?: Schema }[];
  readonly pathParams: string[];
}

/** The SSE stream never ends by design; logout would end the key's session-less caller's nothing. */
const SKIPPED = new Set(['GET /api/v1/notifications/stream']);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Printed with a failure; FUZZ_SEED=<it> replays the run. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

function operationsOf(doc: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<Schema>(doc.paths)) {
    if (!path.startsWith('/api/') && !['/healthz', '/readyz'].includes(path)) continue;
    for (const [method, op] of Object.entries<Schema>(methods)) {
      if (SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue;
      const parameters: Schema[] = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return operations;
}

function resolverOf(doc: Schema): (schema: Schema) => Schema {
  const components: Record<string, Schema> = doc.components?.schemas ?? {};
  return (schema) => {
    let node = schema;
    for (let i = 0; i < 8 && typeof node.$ref === 'string'; i++) {
      node = components[node.$ref.split('/').at(-1) ?? ''] ?? {};
    }
    return node;
  };
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return 'x'; // a lone surrogate cannot be put in a URL at all
  }
}

interface Sample {
  readonly params: Record<string, string>;
  readonly query: Record<string, string | undefined>;
  readonly body: unknown;
}

function sampleOf(
  op: Operation,
  resolve: (s: Schema) => Schema,
  ids: string[],
): fc.Arbitrary<Sample> {
  const params: Record<string, fc.Arbitrary<string>> = {};
  for (const name of op.pathParams) params[name] = pathValue(ids);
  const body = op.body ? bodyAfter(op.body, resolve) : fc.option(hostileValue, { nil: undefined });
  return fc.record({ params: fc.record(params), query: queryValues(op.query, resolve), body });
}

async function send(client: HttpClient, op: Operation, sample: Sample) {
  let path = op.path;
  for (const [name, value] of Object.entries(sample.params)) {
    path = path.replace(`{${name}}`, encodeSegment(value));
  }
  const given = Object.entries(sample.query).filter(
    (e): e is [string, string] => e[1] !== undefined,
  );
  const query = new URLSearchParams(given).toString();
  // fetch sends no body with GET (nor could a browser): those routes get the query only.
  const bodyless = op.method === 'GET' || sample.body === undefined;
  const body = bodyless ? undefined : (JSON.stringify(sample.body) ?? 'null');
  return client.request(op.method, query ? `${path}?${query}` : path, {
    rawBody: body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
}

/** What is wrong with a reply, if anything: a 5xx, or a refusal without the error body. */
function faultOf(
  op: Operation,
  sample: Sample,
  reply: { status: number; body: any; text: string },
) {
  const where = `${op.method} ${op.path} ${JSON.stringify(sample).slice(0, 300)}`;
  if (reply.status >= 500) return `${reply.status} for ${where}: ${reply.text.slice(0, 200)}`;
  const error = reply.body?.error;
  if (
    reply.status >= 400 &&
    (typeof error?.code !== 'string' || typeof error?.message !== 'string')
  ) {
    return `${reply.status} without the error body for ${where}: ${reply.text.slice(0, 200)}`;
  }
  return undefined;
}

for (const engine of testEngines()) {
  describe(`every API route under arbitrary input (${engine})`, () => {
    let server: TestService;
    let relay: TestRelay;
    let client: HttpClient;
    let doc: Schema;
    const ids: string[] = [];

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url });
      const admin = await signupAdmin(server.url);
      const key = await admin.client.post('/api/v1/api-keys', { name: 'fuzz' });
      client = admin.client.withApiKey(key.body.key);
      client.cookie = undefined;
      const member = await signupMember(admin.client);
      const message = await sendTrackedMessage(admin.client, {}, { relay });
      const draft = await admin.client.post('/api/v1/messages', {
        to: [{ email: 'draft@example.com' }],
        subject: 'draft',
        text: 'draft',
        tracking: { enabled: true },
      });
      ids.push(message.id, draft.body.id, member.user.id, member.input.email, 'example.com');
      doc = (await client.get('/api/docs/json')).body;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('finds the routes in the OpenAPI document', () => {
      const operations = operationsOf(doc);
      assert.ok(operations.length > 40, `only ${operations.length} routes`);
      assert.ok(operations.some((op) => op.path === '/api/v1/messages' && op.method === 'POST'));
    });

    it('answers no request with a 5xx, and every refusal with the error body', async () => {
      const resolve = resolverOf(doc);
      const faults: string[] = [];
      for (const op of operationsOf(doc)) {
        // Every route runs its share even after another failed: one run shows every cause.
        const details = await fc.check(
          fc.asyncProperty(sampleOf(op, resolve, ids), async (sample) => {
            const fault = faultOf(op, sample, await send(client, op, sample));
            if (fault) faults.push(fault);
            return fault === undefined;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (details.failed && details.errorInstance) faults.push(String(details.errorInstance));
      }
      assert.deepEqual(faults, [], `seed ${SEED}`);
      // The key still works: the run covered the routes as an admin to the end.
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    });
  });
}
