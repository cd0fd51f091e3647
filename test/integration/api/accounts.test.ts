import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSignup, signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`accounts over HTTP (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;

    before(async () => {
      server = await startTestService(
        engine,
        {},
        {
          app: {
            loginLimits: {
              perPair: 5,
              perAccount: 10,
              perAddress: 20,
              windowMs: 60_000,
              knownForMs: 60_000,
            },
          },
        },
      );
      admin = await signupAdmin(server.url);
    });
    after(() => server.close());

    it('the first signup creates the workspace, makes its user admin and logs them in', async () => {
      assert.equal(admin.user.role, 'admin');
      assert.equal(admin.user.email, admin.input.email);
      assert.equal(admin.workspace.name, admin.input.workspace);
      const me = await admin.client.get('/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.id, admin.user.id);
      assert.equal(me.body.workspace.id, admin.workspace.id);
      assert.equal('passwordHash' in me.body.user, false);
    });

    it('sets an HttpOnly, SameSite=Lax session cookie, not Secure on http', async () => {
      const client = new HttpClient(server.url);
      const reply = await client.post('/api/v1/auth/login', {
        email: admin.input.email,
        password: admin.input.password,
      });
      assert.equal(reply.status, 200);
      const cookie = reply.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^mb_session=[\w-]{40,};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
    });

    it('refuses a second signup without an invite', async () => {
      const reply = await new HttpClient(server.url).post('/api/v1/auth/signup', buildSignup());
      assert.equal(reply.status, 403);
      assert.equal(reply.body.error.code, 'invite_required');
    });

    it('lets an invited colleague join the admin’s workspace once', async () => {
      const input = buildSignup({ workspace: undefined });
      const invite = await admin.client.post('/api/v1/invites', { email: input.email });
      assert.equal(invite.status, 201);
      assert.ok(
        invite.body.url.startsWith(`${server.service.app.config.publicUrl}/signup?invite=`),
      );
      const member = new HttpClient(server.url);
      const joined = await member.post('/api/v1/auth/signup', {
        ...input,
        invite: invite.body.token,
      });
      assert.equal(joined.status, 201);
      assert.equal(joined.body.user.role, 'member');
      assert.equal(joined.body.workspace.id, admin.workspace.id);
      const again = await new HttpClient(server.url).post('/api/v1/auth/signup', {
        ...buildSignup({ email: input.email }),
        invite: invite.body.token,
      });
      assert.equal(again.status, 403);
      assert.equal(again.body.error.code, 'invite_invalid');
    });

    it('refuses an invite used with another email, and a forged invite', async () => {
      const invite = await admin.client.post('/api/v1/invites', { email: 'someone@example.com' });
      const other = await new HttpClient(server.url).post('/api/v1/auth/signup', {
        ...buildSignup(),
        invite: invite.body.token,
      });
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, 'invite_email_mismatch');
      const forged = await new HttpClient(server.url).post('/api/v1/auth/signup', {
        ...buildSignup(),
        invite: 'not-a-real-invite',
      });
      assert.equal(forged.status, 403);
      assert.equal(forged.body.error.code, 'invite_invalid');
    });

    it('lets only admins invite', async () => {
      const member = await signupMember(admin.client);
      const reply = await member.client.post('/api/v1/invites', { email: 'x@example.com' });
      assert.equal(reply.status, 403);
      assert.equal(reply.body.error.code, 'forbidden');
    });

    it('refuses an email that already has an account', async () => {
      const invite = await admin.client.post('/api/v1/invites', {
        email: admin.input.email.toUpperCase(),
      });
      const reply = await new HttpClient(server.url).post('/api/v1/auth/signup', {
        ...buildSignup({ email: admin.input.email.toUpperCase() }),
        invite: invite.body.token,
      });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.error.code, 'email_taken');
    });

    it('refuses a weak password at invite signup, naming the rule, and keeps the invite', async () => {
      const input = buildSignup({ workspace: undefined });
      const invite = await admin.client.post('/api/v1/invites', { email: input.email });
      const signup = (password: string) =>
        new HttpClient(server.url).post('/api/v1/auth/signup', {
          ...input,
          password,
          invite: invite.body.token,
        });
      for (const [password, rule] of [
        [`${input.email}!`, /email address/],
        [' '.repeat(10), /different characters/],
      ] as const) {
        const reply = await signup(password);
        assert.equal(reply.status, 400);
        assert.equal(reply.body.error.code, 'weak_password');
        assert.match(reply.body.error.message, rule);
      }
      assert.equal((await signup(input.password)).status, 201);
    });

    it('answers a wrong password or unknown email with 401, then rate-limits with 429', async () => {
      const member = await signupMember(admin.client);
      const client = new HttpClient(server.url);
      const wrong = await client.post('/api/v1/auth/login', {
        email: member.input.email,
        password: 'wrong-password',
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      const unknown = await client.post('/api/v1/auth/login', {
        email: 'nobody@example.com',
        password: 'whatever-long-1',
      });
      assert.equal(unknown.status, 401);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await client.post('/api/v1/auth/login', {
          email: member.input.email,
          password: 'wrong-password',
        });
        statuses.push(r.status);
        if (r.status === 429) {
          assert.equal(r.body.error.code, 'rate_limited');
        }
      }
      assert.ok(statuses.includes(429), `expected a 429 among ${statuses.join(',')}`);
      // Another account from the same address is not locked out by these attempts.
      const fine = await client.post('/api/v1/auth/login', {
        email: admin.input.email,
        password: admin.input.password,
      });
      assert.equal(fine.status, 200);
    });

    it('logs out: the session cookie stops working', async () => {
      const client = new HttpClient(server.url);
      await client.post('/api/v1/auth/login', {
        email: admin.input.email,
        password: admin.input.password,
      });
      const cookie = client.cookie;
      assert.ok(cookie);
      const out = await client.post('/api/v1/auth/logout');
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /mb_session=;/);
      const me = await client.get('/api/v1/auth/me', { headers: { cookie } });
      assert.equal(me.status, 401);
      assert.equal(me.body.error.code, 'unauthenticated');
    });

    it('creates, lists and revokes API keys; a key authenticates as its owner', async () => {
      const created = await admin.client.post('/api/v1/api-keys', { name: 'CRM' });
      assert.equal(created.status, 201);
      assert.match(created.body.key, /^mb_[\w-]{43}$/);
      const listed = await admin.client.get('/api/v1/api-keys');
      const entry = listed.body.apiKeys.find((k: { id: string }) => k.id === created.body.id);
      assert.equal(entry.name, 'CRM');
      assert.equal(entry.last4, created.body.key.slice(-4));
      assert.equal(JSON.stringify(listed.body).includes(created.body.key), false);

      const viaKey = admin.client.withApiKey(created.body.key);
      const me = await viaKey.get('/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.id, admin.user.id);

      const revoked = await admin.client.delete(`/api/v1/api-keys/${created.body.id}`);
      assert.equal(revoked.status, 204);
      const after = await viaKey.get('/api/v1/auth/me');
      assert.equal(after.status, 401);
      assert.equal(after.body.error.code, 'invalid_api_key');
      const relisted = await admin.client.get('/api/v1/api-keys');
      assert.equal(
        relisted.body.apiKeys.some((k: { id: string }) => k.id === created.body.id),
        false,
      );
    });

    it('keeps members from revoking a colleague’s key (404), lets admins do it', async () => {
      const member = await signupMember(admin.client);
      const other = await signupMember(admin.client);
      const key = await member.client.post('/api/v1/api-keys', { name: 'mine' });
      const byOther = await other.client.delete(`/api/v1/api-keys/${key.body.id}`);
      assert.equal(byOther.status, 404);
      const byAdmin = await admin.client.delete(`/api/v1/api-keys/${key.body.id}`);
      assert.equal(byAdmin.status, 204);
    });

    it('refuses requests without auth, with a bad key, or with a malformed header', async () => {
      const anonymous = new HttpClient(server.url);
      const none = await anonymous.get('/api/v1/api-keys');
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, 'unauthenticated');
      const bad = await anonymous
        .withApiKey('mb_forged-key-forged-key-forged-key-forged-k')
        .get('/api/v1/api-keys');
      assert.equal(bad.status, 401);
      assert.equal(bad.body.error.code, 'invalid_api_key');
      const malformed = await anonymous.get('/api/v1/api-keys', {
        headers: { authorization: 'Basic Zm9vOmJhcg==' },
      });
      assert.equal(malformed.status, 401);
      assert.equal(malformed.body.error.code, 'invalid_api_key');
    });

    it('refuses malformed JSON, invalid bodies and wrong content types with 4xx and a code', async () => {
      const client = new HttpClient(server.url);
      const badJson = await client.request('POST', '/api/v1/auth/login', { rawBody: '{"email": ' });
      assert.equal(badJson.status, 400);
      assert.equal(badJson.body.error.code, 'invalid_json');
      const invalid = await client.post('/api/v1/auth/login', {
        email: 'not-an-email',
        password: 'x',
      });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.code, 'validation_failed');
      assert.match(invalid.body.error.message, /email/);
      const extra = await admin.client.post('/api/v1/api-keys', { name: 'k', admin: true });
      assert.equal(extra.status, 400);
      const xml = await client.request('POST', '/api/v1/auth/login', {
        rawBody: '<login/>',
        headers: { 'content-type': 'application/xml' },
      });
      assert.equal(xml.status, 415);
      assert.equal(xml.body.error.code, 'unsupported_media_type');
      const firstWithoutWorkspace = await client.post(
        '/api/v1/auth/signup',
        buildSignup({ workspace: undefined }),
      );
      assert.equal(firstWithoutWorkspace.status, 403);
    });

    it('answers unknown routes with 404 route_not_found, authenticated or not', async () => {
      for (const client of [new HttpClient(server.url), admin.client]) {
        for (const path of ['/nope', '/api/v1/nope', '/api/v2/messages']) {
          const reply = await client.get(path);
          assert.equal(reply.status, 404, path);
          assert.equal(reply.body.error.code, 'route_not_found');
        }
      }
    });

    it('refuses a cookie-authenticated write from another site', async () => {
      const reply = await admin.client.post(
        '/api/v1/api-keys',
        { name: 'x' },
        { headers: { origin: 'https://evil.example' } },
      );
      assert.equal(reply.status, 403);
      assert.equal(reply.body.error.code, 'cross_site_request');
    });
  });
}
