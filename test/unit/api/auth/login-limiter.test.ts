import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginLimiter, type LoginLimits } from '../../../../src/api/auth/login-limiter.js';

const LIMITS: LoginLimits = {
  perPair: 3,
  perAccount: 5,
  perAddress: 4,
  windowMs: 60_000,
  knownForMs: 600_000,
};

function limiter() {
  let now = 1_000_000;
  const clock = Object.assign(() => now, { advance: (ms: number) => (now += ms) });
  return { limiter: new LoginLimiter(LIMITS, clock), clock };
}

const at = (address: string, account: string) => ({ address, account });

describe('LoginLimiter: an attempt counts from its start', () => {
  it('lets through only the limit’s number of attempts begun together, and counts no refusal', () => {
    const { limiter: l, clock } = limiter();
    const started = Array.from({ length: 10 }, () => l.begin(at('a', 'x')));
    assert.equal(started.filter((s) => s.ticket).length, LIMITS.perPair);
    for (const s of started.slice(LIMITS.perPair)) assert.equal(s.waitMs, LIMITS.windowMs);
    clock.advance(LIMITS.windowMs);
    assert.ok(l.begin(at('a', 'x')).ticket, 'refusals did not extend the window');
  });

  it('a success keeps counting the attempts still being checked, so no more than the limit run', () => {
    const { limiter: l } = limiter();
    const [first, second, third] = [1, 2, 3].map(() => l.begin(at('a', 'x')).ticket!);
    l.succeeded(first!);
    assert.ok(l.begin(at('a', 'x')).ticket, 'the success gave its place back');
    assert.equal(l.begin(at('a', 'x')).ticket, undefined, 'two others are still being checked');
    l.failed(second!);
    l.failed(third!);
    l.succeeded(first!); // settling twice changes nothing
    assert.equal(l.begin(at('a', 'x')).ticket, undefined);
  });

  it('a success gives its attempt back to the address’s count, not the earlier failures', () => {
    const { limiter: l } = limiter();
    for (const account of ['v1', 'v2', 'v3']) l.failed(l.begin(at('s', account)).ticket!);
    const own = l.begin(at('s', 'own')).ticket!;
    assert.equal(l.begin(at('s', 'v4')).ticket, undefined);
    l.succeeded(own);
    const next = l.begin(at('s', 'v4')).ticket!;
    l.failed(next);
    assert.equal(l.begin(at('s', 'v5')).ticket, undefined, 'the failures still count');
    // The known pair is held to its own limit only.
    assert.ok(l.begin(at('s', 'own')).ticket);
  });
});
