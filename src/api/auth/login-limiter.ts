import { type ErrorName, fail, isMailbeaconError } from '../../errors.js';
import { Lru } from '../../lru.js';

/**
 * Failed logins allowed within one window, counted three ways. Only failures count: a correct
 * password never uses up anyone's budget, and a refused attempt (429) is not counted either, so
 * a lockout cannot extend itself.
 */
export interface LoginLimits {
  /** Failures per (address, account): one person's typos, or one guesser at one account. */
  readonly perPair: number;
  /** Failures per account from addresses it has not logged in from: guessing from many places. */
  readonly perAccount: number;
  /** Failures per address, across accounts it has not logged in to: one place spraying many. */
  readonly perAddress: number;
  /** The window, ms: each count starts at its first failure and ends this long after it. */
  readonly windowMs: number;
  /** How long a login that succeeded keeps its (address, account) pair known, ms. */
  readonly knownForMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perPair: 10,
  perAccount: 20,
  perAddress: 30,
  windowMs: 15 * 60_000,
  knownForMs: 30 * 24 * 60 * 60_000,
};

/**
 * A per-client-address limit for @fastify/rate-limit, where every attempt counts (a signup or a
 * reset request makes something, so there is no failure to wait for): as many per window as the
 * failed logins an address may make.
 */
export function addressRateLimit(limits: LoginLimits) {
  return {
    max: limits.perAddress,
    timeWindow: limits.windowMs,
    keyGenerator: (request: { ip: string }) => request.ip,
  };
}
export type AddressRateLimit = ReturnType<typeof addressRateLimit>;

/** Who is trying: the client's address and the account's email (folded to lower case). */
export interface LoginAttempt {
  readonly address: string;
  readonly account: string;
}

interface Count {
  failures: number;
  endsAt: number;
}

/** Entries kept per map: enough for every real user, bounded against a flood of new keys. */
const MAX_ENTRIES = 50_000;

/**
 * Counts failed logins per address, per account and per pair, in fixed windows, in memory (each
 * node its own). A pair that logged in successfully within `knownForMs` is exempt from the
 * account's and the address's limits, its own pair limit still applying: so someone guessing
 * one account from many addresses, or many accounts from one office's shared address, cannot
 * lock out a user at the address they log in from, and every lockout ends with its window.
 */
export class LoginLimiter {
  readonly #limits: LoginLimits;
  readonly #now: () => number;
  readonly #pairs = new Lru<string, Count>(MAX_ENTRIES);
  readonly #accounts = new Lru<string, Count>(MAX_ENTRIES);
  readonly #addresses = new Lru<string, Count>(MAX_ENTRIES);
  /** Pair key → until when it counts as known (epoch ms). */
  readonly #known = new Lru<string, number>(MAX_ENTRIES);

  /** `now`: epoch ms (the service's clock; tests move it). */
  constructor(limits: LoginLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Ms to wait before `attempt` may be tried, or 0 when it may be tried now. */
  waitFor(attempt: LoginAttempt): number {
    const now = this.#now();
    const limits = this.#limits;
    const pair = pairKey(attempt);
    const checks: [Lru<string, Count>, string, number][] = [[this.#pairs, pair, limits.perPair]];
    if (!this.#isKnown(pair, now)) {
      checks.push([this.#accounts, attempt.account, limits.perAccount]);
      checks.push([this.#addresses, attempt.address, limits.perAddress]);
    }
    let wait = 0;
    for (const [counts, key, max] of checks) {
      const count = current(counts, key, now);
      if (count && count.failures >= max) wait = Math.max(wait, count.endsAt - now);
    }
    return wait;
  }

  /** Records a wrong password (or unknown account) for `attempt`. */
  failed(attempt: LoginAttempt): void {
    const now = this.#now();
    const pair = pairKey(attempt);
    this.#count(this.#pairs, pair, now);
    // A known pair's failures stay its own: they do not spend the account's or address's budget.
    if (this.#isKnown(pair, now)) return;
    this.#count(this.#accounts, attempt.account, now);
    this.#count(this.#addresses, attempt.address, now);
  }

  /**
   * Records a correct password: the pair's count starts again and the pair becomes known. The
   * account's and the address's counts stay: else a sprayer with an account of their own could
   * clear their address's count by logging in to it between rounds.
   */
  succeeded(attempt: LoginAttempt): void {
    const pair = pairKey(attempt);
    this.#pairs.delete(pair);
    this.#known.set(pair, this.#now() + this.#limits.knownForMs);
  }

  #isKnown(pair: string, now: number): boolean {
    return (this.#known.peek(pair) ?? 0) > now;
  }

  #count(counts: Lru<string, Count>, key: string, now: number): void {
    const count = current(counts, key, now) ?? { failures: 0, endsAt: now + this.#limits.windowMs };
    count.failures += 1;
    counts.set(key, count);
  }
}

/** The key's count if its window is still open. */
function current(counts: Lru<string, Count>, key: string, now: number): Count | undefined {
  const count = counts.peek(key);
  return count && count.endsAt > now ? count : undefined;
}

function pairKey(attempt: LoginAttempt): string {
  return `${attempt.address}\n${attempt.account}`;
}

/**
 * Refuses `attempt` with 429 `rate_limited` and Retry-After (seconds) while one of its counts is
 * over its limit, without looking at the password: a locked attempt learns nothing.
 */
export function refuseWhileLimited(
  limiter: LoginLimiter,
  attempt: LoginAttempt,
  reply: { header(name: string, value: string): unknown },
): void {
  const waitMs = limiter.waitFor(attempt);
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  reply.header('retry-after', String(seconds));
  fail('MB_ERR_RATE_LIMITED', `Too many failed attempts; try again in ${seconds} s`);
}

/**
 * Runs `check` (a password check) for `attempt`: when it throws the error named `wrong`, the
 * failure is counted, then rethrown; when it passes, the attempt counts as a success.
 */
export async function countingFailures<T>(
  limiter: LoginLimiter,
  attempt: LoginAttempt,
  wrong: ErrorName,
  check: () => Promise<T>,
): Promise<T> {
  try {
    const result = await check();
    limiter.succeeded(attempt);
    return result;
  } catch (error) {
    if (isMailbeaconError(error) && error.errorName === wrong) limiter.failed(attempt);
    throw error;
  }
}
