import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient, type Reply } from '../../helpers/http-client.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { makeTeam, type Principal, type Team } from '../../helpers/two-workspaces.js';
import { waitUntil } from '../../helpers/wait.js';
import { type Call, MATRIX, type Rule } from './authorization-rules.js';

/** One operation of the OpenAPI document. */
interface Route {
  readonly method: string;
  /** As the document writes it: /api/v1/messages/{id}. */
  readonly path: string;
  readonly key: string;
}

type Guarded = Extract<Rule, { access: 'user' | 'admin' }>;
interface GuardedRoute extends Route {
  readonly rule: Guarded;
}

/** Every operation the service documents: the matrix covers what the server says it serves. */
async function documentedRoutes(server: TestService): Promise<Route[]> {
  const document = (await new HttpClient(server.url).get('/api/docs/json')).body;
  return Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((m) => {
      const method = m.toUpperCase();
      return { method, path, key: `${method} ${path}` };
    }),
  );
}

function guarded(routes: readonly Route[]): GuardedRoute[] {
  return routes.flatMap((route) => {
    const rule = MATRIX[route.key];
    return rule && rule.access !== 'public' ? [{ ...route, rule }] : [];
  });
}

function send(client: HttpClient, method: string, call: Call): Promise<Reply> {
  return client.request(method, call.path, call.body === undefined ? {} : { body: call.body });
}

/** The markers of `team` a reply carries that the request did not bring itself. */
function leaked(reply: Reply, call: Call, team: Team): string[] {
  const asked = JSON.stringify(call);
  return team.markers.filter((marker) => reply.text.includes(marker) && !asked.includes(marker));
}

/** Whether the call names ids at all: one that does not is the same whoever's ids it gets. */
function carriesIds(rule: Guarded, mine: Team, theirs: Team): boolean {
  return JSON.stringify(rule.call(mine.ids)) !== JSON.stringify(rule.call(theirs.ids));
}

/**
 * What A's principal got wrong calling the route with B's ids: the status the rule expects (404
 * unless said; 403 for a member on an admin route) where the call names ids, anything but a server error where it names none (a
 * list, a create), and never a marker of B's data.
 */
async function foreignProblems(route: GuardedRoute, who: Principal, a: Team, b: Team) {
  const call = route.rule.call(b.ids);
  const reply = await send(who.client, route.method, call);
  const problems: string[] = [];
  // Roles are checked before ids (see the rules' comment): a member meets 403 first.
  const refusedRole = route.rule.access === 'admin' && who.role === 'member';
  const expected = refusedRole ? 403 : (route.rule.foreign?.status ?? 404);
  if (carriesIds(route.rule, a, b) && reply.status !== expected) {
    problems.push(`${route.key} as ${who.label}: ${reply.status}, expected ${expected}`);
  }
  if (reply.status >= 500) problems.push(`${route.key} as ${who.label}: ${reply.status}`);
  const leaks = leaked(reply, call, b);
  if (leaks.length > 0) problems.push(`${route.key} as ${who.label} shows ${leaks.join(', ')}`);
  return problems;
}

/** What B can read of its own resources: compared before and after A's attempts. */
async function snapshot(team: Team): Promise<unknown> {
  const { ids, admin } = team;
  const paths = [
    `/api/v1/messages/${ids.sentId}`,
    `/api/v1/messages/${ids.draftId}`,
    `/api/v1/messages/${ids.sentId}/chat`,
    `/api/v1/messages/${ids.sentId}/events`,
    '/api/v1/notifications',
    '/api/v1/api-keys',
    '/api/v1/webhooks',
    '/api/v1/do-not-track',
    '/api/v1/consents',
    '/api/v1/workspace/settings',
    '/api/v1/workspace/members',
  ];
  const replies = [];
  for (const path of paths) replies.push({ path, body: (await admin.get(path)).body });
  return replies;
}

/** Runs `check` over every pair and fails once with every problem found. */
async function expectNone<T>(items: readonly T[], check: (item: T) => Promise<string[]>) {
  const problems: string[] = [];
  for (const item of items) problems.push(...(await check(item)));
  assert.deepEqual(problems, []);
}

for (const engine of testEngines()) {
  describe(`authorization matrix over the OpenAPI document (${engine})`, () => {
    let server: TestService;
    let a: Team;
    let b: Team;
    let routes: Route[];
    let before_: unknown;

    before(async () => {
      // No SMTP_URL: the dev inbox catches the mail, and its routes are in the document too.
      // Webhooks point at a closed loopback port: made, never delivered.
      server = await startTestService(
        engine,
        { WEBHOOK_ALLOW_PRIVATE: 'true' },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: 0 } },
      );
      a = await makeTeam(server, 'Alfa');
      b = await makeTeam(server, 'Bravo');
      routes = await documentedRoutes(server);
      before_ = await snapshot(b);
    });
    after(() => server.close());

    it('has a rule for every documented route, and no rule for a route the server lacks', () => {
      const documented = new Set(routes.map((route) => route.key));
      assert.ok(documented.size > 40, 'the OpenAPI document lists the routes');
      assert.deepEqual(
        routes.filter((route) => !MATRIX[route.key]).map((route) => route.key),
        [],
        'routes without a rule in test/integration/api/authorization-rules.ts',
      );
      assert.deepEqual(
        Object.keys(MATRIX).filter((key) => !documented.has(key)),
        [],
        'rules for routes the document does not have',
      );
    });

    it('answers 401 to every non-public route called without credentials', async () => {
      const anonymous = new HttpClient(server.url);
      await expectNone(guarded(routes), async (route) => {
        const reply = await send(anonymous, route.method, route.rule.call(b.ids));
        return reply.status === 401 ? [] : [`${route.key}: ${reply.status}`];
      });
    });

    it('shows nothing of either workspace on the public routes read anonymously', async () => {
      const anonymous = new HttpClient(server.url);
      const open = routes.filter((route) => {
        const rule = MATRIX[route.key];
        return rule?.access === 'public' && rule.anonymous;
      });
      assert.ok(open.length > 0);
      await expectNone(open, async (route) => {
        const reply = await anonymous.request(route.method, route.path);
        return [
          ...leaked(reply, { path: route.path }, a),
          ...leaked(reply, { path: route.path }, b),
        ];
      });
    });

    it('answers each principal of A 404 for B’s ids, and never with anything of B', async () => {
      const readable = guarded(routes).filter((route) => !route.rule.stream);
      const pairs = readable.flatMap((route) => a.principals.map((who) => ({ route, who })));
      await expectNone(pairs, ({ route, who }) => foreignProblems(route, who, a, b));
    });

    it('refuses A’s member every admin route, even with A’s own ids: 403', async () => {
      const adminOnly = guarded(routes).filter((route) => route.rule.access === 'admin');
      const members = a.principals.filter((who) => who.role === 'member');
      const pairs = adminOnly.flatMap((route) => members.map((who) => ({ route, who })));
      await expectNone(pairs, async ({ route, who }) => {
        const reply = await send(who.client, route.method, route.rule.call(a.ids));
        return reply.status === 403 ? [] : [`${route.key} as ${who.label}: ${reply.status}`];
      });
    });

    it('keeps a colleague’s API key from a member: 404, as for anything not theirs', async () => {
      const reply = await a.member.delete(`/api/v1/api-keys/${a.ids.apiKeyId}`);
      assert.equal(reply.status, 404);
    });

    // The rules' calls name one team's ids throughout; a body may also mix them.
    it('refuses B’s file in A’s own draft, as a file that does not exist: 400', async () => {
      const path = `/api/v1/messages/${a.ids.draftId}`;
      const body = { attachments: [b.ids.attachmentId] };
      const reply = await a.admin.patch(path, body);
      assert.equal(reply.status, 400);
      assert.deepEqual(leaked(reply, { path, body }, b), []);
      const draft = (await a.admin.get(path)).body;
      assert.deepEqual(draft.attachments, []);
    });

    // The download route is public (a token is the key), but its file is an id: the token of
    // A's mail must not serve B's file.
    it('serves through A’s download link A’s file only: B’s id is 404', async () => {
      const download = (file: string) => fetch(`${a.downloadUrl}/${file}`, { method: 'POST' });
      const theirs = await download(b.ids.attachmentId);
      assert.equal(theirs.status, 404);
      assert.doesNotMatch(await theirs.text(), /%PDF/);
      const mine = await download(a.ids.attachmentId);
      assert.equal(mine.status, 200);
      assert.match(await mine.text(), /%PDF/);
    });

    it('leaves everything of B as B saw it before', async () => {
      assert.deepEqual(await snapshot(b), before_);
    });

    // After the snapshot: B's reader clicks here.
    it('pushes none of B’s notifications down A’s live stream', async () => {
      const url = new URL('/api/v1/notifications/stream', server.url).href;
      const live = new SseClient(url, { cookie: a.admin.cookie! });
      try {
        // Headers arrive once the stream has subscribed: from then on it sees every push.
        await waitUntil(() => live.status === 200, 'the stream open');
        await b.click();
        await a.click();
        // The hub keeps order: B's push, had it come, would be before A's.
        const events = await live.waitFor((e) => e.some((x) => x.data.messageId === a.ids.sentId));
        const text = JSON.stringify(events);
        assert.deepEqual(
          b.markers.filter((marker) => text.includes(marker)),
          [],
        );
      } finally {
        await live.close();
      }
    });

    it('refuses a cookie’s write from another site, whatever the route: 403', async () => {
      const writes = guarded(routes).filter((route) => route.method !== 'GET');
      const evil = { origin: 'https://evil.example' };
      await expectNone(writes, async (route) => {
        const call = route.rule.call(a.ids);
        const reply = await a.admin.request(route.method, call.path, {
          body: call.body,
          headers: evil,
        });
        const refused = reply.status === 403 && reply.body.error?.code === 'cross_site_request';
        return refused ? [] : [`${route.key}: ${reply.status}`];
      });
    });

    // Last, because it changes A's resources (sends the draft, deletes the webhook…).
    it('lets A’s admin reach each route that names ids with A’s own: the 404s were about whose', async () => {
      const withIds = guarded(routes).filter(
        (route) => !route.rule.stream && !route.rule.ownUnreachable && carriesIds(route.rule, a, b),
      );
      // Reads and changes before deletions, so that nothing is gone before a route reads it.
      const order = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'];
      withIds.sort((x, y) => order.indexOf(x.method) - order.indexOf(y.method));
      await expectNone(withIds, async (route) => {
        const reply = await send(a.admin, route.method, route.rule.call(a.ids));
        const refused = [401, 403, 404].includes(reply.status) || reply.status >= 500;
        return refused ? [`${route.key}: ${reply.status} ${reply.text}`] : [];
      });
    });
  });
}
