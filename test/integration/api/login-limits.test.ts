import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const LIMITS = { perPair: 3, perAccount: 5, perAddress: 6, windowMs: 60_000, knownForMs: 600_000 };

for (const engine of testEngines()) {
  describe(`login limits per address, per account and per pair (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;
    let addresses = 0;

    /** A fresh client address (TRUST_PROXY takes it from X-Forwarded-For). */
    const newAddress = () => `198.51.100.${++addresses}`;
    const login = (from: string, email: string, password: string) =>
      new HttpClient(server.url).post(
        '/api/v1/auth/login',
        { email, password },
        { headers: { 'x-forwarded-for': from } },
      );

    before(async () => {
      server = await startTestService(
        engine,
        { TRUST_PROXY: 'true' },
        { app: { loginLimits: LIMITS } },
      );
      admin = await signupAdmin(server.url);
    });
    after(() => server.close());

    it('one account guessed from many addresses: locked for new addresses only, and only for the window', async () => {
      const user = await signupMember(admin.client);
      const home = newAddress();
      assert.equal((await login(home, user.input.email, user.input.password)).status, 200);
      for (let i = 0; i < LIMITS.perAccount; i++) {
        assert.equal((await login(newAddress(), user.input.email, 'wrong-password-x')).status, 401);
      }
      const refused = await login(newAddress(), user.input.email, user.input.password);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      // The user at the address they logged in from before is not locked out by the guessers.
      assert.equal((await login(home, user.input.email, user.input.password)).status, 200);
      // Refused attempts do not extend the lock: it ends with the window of the first failure.
      server.clock.advance(LIMITS.windowMs + 1);
      assert.equal((await login(newAddress(), user.input.email, user.input.password)).status, 200);
    });

    it('many accounts sprayed from one address: slowed there, other addresses unaffected', async () => {
      const sprayer = newAddress();
      for (let i = 0; i < LIMITS.perAddress; i++) {
        const reply = await login(sprayer, `victim${i}@example.com`, 'Summer-2026-guess');
        assert.equal(reply.status, 401);
      }
      const refused = await login(sprayer, admin.input.email, admin.input.password);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(
        (await login(newAddress(), admin.input.email, admin.input.password)).status,
        200,
      );
      server.clock.advance(LIMITS.windowMs + 1);
      assert.equal((await login(sprayer, admin.input.email, admin.input.password)).status, 200);
    });

    it('one account from one address: limited per pair, and a success starts the count again', async () => {
      const user = await signupMember(admin.client);
      const from = newAddress();
      const fail = () => login(from, user.input.email, 'wrong-password-y');
      for (let i = 0; i < LIMITS.perPair - 1; i++) assert.equal((await fail()).status, 401);
      assert.equal((await login(from, user.input.email, user.input.password)).status, 200);
      for (let i = 0; i < LIMITS.perPair; i++) assert.equal((await fail()).status, 401);
      // A known pair still has its own limit: whoever shares the address cannot guess on freely.
      assert.equal((await login(from, user.input.email, user.input.password)).status, 429);
      server.clock.advance(LIMITS.windowMs + 1);
      assert.equal((await login(from, user.input.email, user.input.password)).status, 200);
    });
  });
}
