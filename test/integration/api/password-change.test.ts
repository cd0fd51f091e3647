import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

// Issue 14, point 4 and issue 16, point 8: PUT /api/v1/auth/password (the documented method),
// and POST, its alias.

const PAIR_LIMIT = 3;
const NEW_PASSWORD = 'a brand new passphrase 2026';

async function login(server: TestService, email: string, password: string) {
  const client = new HttpClient(server.url);
  const reply = await client.post('/api/v1/auth/login', { email, password });
  return { client, reply };
}

for (const engine of testEngines()) {
  describe(`changing one's password (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;
    /** A new account (a member of the one workspace) with its own session. */
    const account = () => signupMember(admin.client);

    before(async () => {
      server = await startTestService(
        engine,
        {},
        {
          app: {
            sseHeartbeatMs: 50,
            streamRecheckPollMs: 20,
            loginLimits: {
              perPair: PAIR_LIMIT,
              perAccount: 20,
              perAddress: 30,
              windowMs: 15 * 60_000,
              knownForMs: 30 * 24 * 60 * 60_000,
            },
          },
        },
      );
      admin = await signupAdmin(server.url);
    });
    after(async () => {
      await server?.close();
    });

    it('ends the other sessions and their streams, keeps this one; the old password stops working', async () => {
      const user = await account();
      const other = await login(server, user.input.email, user.input.password);
      assert.equal(other.reply.status, 200);
      const stream = new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
        cookie: other.client.cookie!,
      });
      try {
        await waitUntil(() => stream.status === 200, 'the stream to open');
        const changed = await user.client.post('/api/v1/auth/password', {
          currentPassword: user.input.password,
          newPassword: NEW_PASSWORD,
        });
        assert.equal(changed.status, 204, changed.text);
        await stream.ended();
      } finally {
        await stream.close();
      }
      assert.equal((await user.client.get('/api/v1/auth/me')).status, 200, 'this session stays');
      assert.equal((await other.client.get('/api/v1/auth/me')).status, 401, 'the other ended');
      const old = await login(server, user.input.email, user.input.password);
      assert.equal(old.reply.status, 401);
      assert.equal(old.reply.body.error.code, 'invalid_credentials');
      assert.equal((await login(server, user.input.email, NEW_PASSWORD)).reply.status, 200);
    });

    it('changes it with PUT, the documented method, and with POST, its alias: one handler', async () => {
      const user = await account();
      const wrong = await user.client.put('/api/v1/auth/password', {
        currentPassword: 'not the password at all',
        newPassword: NEW_PASSWORD,
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'wrong_password');
      const byPut = await user.client.put('/api/v1/auth/password', {
        currentPassword: user.input.password,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(byPut.status, 204, byPut.text);
      assert.equal((await login(server, user.input.email, user.input.password)).reply.status, 401);
      assert.equal((await login(server, user.input.email, NEW_PASSWORD)).reply.status, 200);
      const again = 'yet another passphrase 2027';
      const byPost = await user.client.post('/api/v1/auth/password', {
        currentPassword: NEW_PASSWORD,
        newPassword: again,
      });
      assert.equal(byPost.status, 204, byPost.text);
      assert.equal((await login(server, user.input.email, again)).reply.status, 200);
      const key = await user.client.post('/api/v1/api-keys', { name: 'script' });
      const byKey = new HttpClient(server.url).withApiKey(key.body.key);
      const refused = await byKey.put('/api/v1/auth/password', {
        currentPassword: again,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(refused.status, 403, 'an API key is refused on PUT as on POST');
      assert.equal(refused.body.error.code, 'forbidden');
    });

    it('takes DESIGN.md’s {current, password} as well, but not a mix of the two shapes', async () => {
      const user = await account();
      const mixed = await user.client.put('/api/v1/auth/password', {
        current: user.input.password,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.error.code, 'validation_failed');
      const weak = await user.client.put('/api/v1/auth/password', {
        current: user.input.password,
        password: 'short',
      });
      assert.equal(weak.status, 400);
      const wrong = await user.client.put('/api/v1/auth/password', {
        current: 'not the password at all',
        password: NEW_PASSWORD,
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'wrong_password');
      const changed = await user.client.put('/api/v1/auth/password', {
        current: user.input.password,
        password: NEW_PASSWORD,
      });
      assert.equal(changed.status, 204, changed.text);
      assert.equal((await login(server, user.input.email, NEW_PASSWORD)).reply.status, 200);
    });

    it('refuses a weak new password (400 weak_password) and keeps the old one', async () => {
      const user = await account();
      for (const newPassword of ['short', 'password123', user.input.email]) {
        const reply = await user.client.post('/api/v1/auth/password', {
          currentPassword: user.input.password,
          newPassword,
        });
        assert.equal(reply.status, 400, newPassword);
        assert.equal(reply.body.error.code, 'weak_password');
      }
      assert.equal((await login(server, user.input.email, user.input.password)).reply.status, 200);
    });

    it('refuses a wrong current password (403) and counts it like a failed login: 429 after the limit, login too', async () => {
      const user = await account();
      for (let i = 0; i < PAIR_LIMIT; i++) {
        const reply = await user.client.post('/api/v1/auth/password', {
          currentPassword: 'not the password at all',
          newPassword: NEW_PASSWORD,
        });
        assert.equal(reply.status, 403);
        assert.equal(reply.body.error.code, 'wrong_password');
      }
      const locked = await user.client.post('/api/v1/auth/password', {
        currentPassword: user.input.password,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(locked.status, 429, 'refused without looking, even the right password');
      assert.equal(locked.body.error.code, 'rate_limited');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      const loginLocked = await login(server, user.input.email, user.input.password);
      assert.equal(loginLocked.reply.status, 429, 'the same count as logins');
      // The window passes by the service's clock: the right password works again.
      server.clock.advance(15 * 60_000 + 1);
      const changed = await user.client.post('/api/v1/auth/password', {
        currentPassword: user.input.password,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(changed.status, 204, changed.text);
    });

    it('refuses an API key (403): a key cannot take over its account; and anyone unauthenticated (401)', async () => {
      const user = await account();
      const key = await user.client.post('/api/v1/api-keys', { name: 'script' });
      const byKey = new HttpClient(server.url).withApiKey(key.body.key);
      const body = { currentPassword: user.input.password, newPassword: NEW_PASSWORD };
      const refused = await byKey.post('/api/v1/auth/password', body);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'forbidden');
      const anonymous = await new HttpClient(server.url).post('/api/v1/auth/password', body);
      assert.equal(anonymous.status, 401);
      assert.equal((await login(server, user.input.email, user.input.password)).reply.status, 200);
    });
  });
}
