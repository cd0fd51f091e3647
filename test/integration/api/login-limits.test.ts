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

    /** Fires all of `tries` at once (Promise.all over real HTTP); their statuses, counted. */
    const burst = async (tries: [from: string, email: string, password: string][]) => {
      const replies = await Promise.all(tries.map((args) => login(...args)));
      for (const reply of replies) {
        if (reply.status === 429) assert.ok(Number(reply.headers.get('retry-after')) > 0);
      }
      const statuses = replies.map((reply) => reply.status);
      const count = (status: number) => statuses.filter((s) => s === status).length;
      return { 200: count(200), 401: count(401), 429: count(429), statuses };
    };
    const times = <T>(n: number, make: (i: number) => T): T[] =>
      Array.from({ length: n }, (_, i) => make(i));

    it('a concurrent burst at one account from one address: exactly the pair limit is checked', async () => {
      const user = await signupMember(admin.client);
      const from = newAddress();
      const wrong = times(4 * LIMITS.perPair, (i): [string, string, string] => [
        from,
        user.input.email,
        `wrong-burst-${i}`,
      ]);
      const counts = await burst(wrong);
      assert.equal(counts[401], LIMITS.perPair, counts.statuses.join());
      assert.equal(counts[429], wrong.length - LIMITS.perPair);
      // Still locked after the burst, until the window of its first attempt ends.
      assert.equal((await login(from, user.input.email, user.input.password)).status, 429);
      server.clock.advance(LIMITS.windowMs + 1);
      assert.equal((await login(from, user.input.email, user.input.password)).status, 200);
    });

    it('a concurrent burst spraying many accounts from one address: exactly the address limit is checked', async () => {
      const sprayer = newAddress();
      const tries = times(4 * LIMITS.perAddress, (i): [string, string, string] => [
        sprayer,
        `burst-victim${i}@example.com`,
        'Summer-2026-guess',
      ]);
      const counts = await burst(tries);
      assert.equal(counts[401], LIMITS.perAddress, counts.statuses.join());
      assert.equal(counts[429], tries.length - LIMITS.perAddress);
      server.clock.advance(LIMITS.windowMs + 1);
    });

    it('a concurrent burst at one account from many addresses: exactly the account limit is checked, its user’s own address spared', async () => {
      const user = await signupMember(admin.client);
      const home = newAddress();
      assert.equal((await login(home, user.input.email, user.input.password)).status, 200);
      const tries = times(4 * LIMITS.perAccount, (i): [string, string, string] => [
        newAddress(),
        user.input.email,
        `wrong-guess-${i}`,
      ]);
      const counts = await burst(tries);
      assert.equal(counts[401], LIMITS.perAccount, counts.statuses.join());
      assert.equal(counts[429], tries.length - LIMITS.perAccount);
      // From the known address, wrong tries within the pair limit and the right password, all at
      // once: the account's limit is not the pair's, and the right password is checked too.
      const typos = times(LIMITS.perPair - 1, (i): [string, string, string] => [
        home,
        user.input.email,
        `typo-${i}`,
      ]);
      const mixed = await burst([...typos, [home, user.input.email, user.input.password]]);
      assert.deepEqual([mixed[200], mixed[401], mixed[429]], [1, LIMITS.perPair - 1, 0]);
      server.clock.advance(LIMITS.windowMs + 1);
    });

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
