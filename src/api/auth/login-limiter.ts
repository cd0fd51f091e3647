import { type ErrorName, fail, isMailbeaconError } from '../../errors.js';
import { Lru } from '../../lru.js';

/**
 * Login attempts allowed within one window, counted three ways. An attempt counts the moment it
 * begins, before its password is checked, so that a burst of concurrent guesses is limited like
 * the same guesses one after the other. A correct password then gives its attempt back (it uses
 * up no one's budget), and a refused attempt (429) is never counted, so a lockout cannot extend
 * itself.
 */
export interface LoginLimits {
  /** Attempts per (address, account): one person's typos, or one guesser at one account. */
  readonly perPair: number;
  /** Attempts per account from addresses it has not logged in from: guessing from many places. */
  readonly perAccount: number;
  /** Attempts per address, across accounts it has not logged in to: one place spraying many. */
  readonly perAddress: number;
  /** The window, ms: each count starts at its first attempt and ends this long after it. */
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

/** One key's count in its window. */
interface Count {
  /** Attempts counted: the ones still being checked and the ones that failed. */
  used: number;
  /** Of those, the ones still being checked (begun, not yet settled). */
  pending: number;
  endsAt: number;
}

/** An attempt that `begin` let through and counted; settle it with `succeeded` or `failed`. */
export interface LoginTicket {
  readonly attempt: LoginAttempt;
}

/**
 * The counts a ticket holds, so that settling it touches exactly those, even when the pair
 * became known or a window turned meanwhile.
 */
interface Held {
  readonly pair: Count;
  /** The account's and the address's counts; empty when the pair was known at the start. */
  readonly others: readonly Count[];
}

/** What `begin` answers: a ticket to go on with, or how long to wait (nothing counted). */
export type LoginStart =
  | { readonly ticket: LoginTicket; readonly waitMs: 0 }
  | { readonly ticket: undefined; readonly waitMs: number };

/** Entries kept per map: enough for every real user, bounded against a flood of new keys. */
const MAX_ENTRIES = 50_000;

/**
 * Counts login attempts per address, per account and per pair, in fixed windows, in memory (each
 * node its own). A pair that logged in successfully within `knownForMs` is exempt from the
 * account's and the address's limits, its own pair limit still applying: so someone guessing
 * one account from many addresses, or many accounts from one office's shared address, cannot
 * lock out a user at the address they log in from, and every lockout ends with its window.
 *
 * Use: `begin` before checking the password (it checks every limit and counts the attempt in
 * one synchronous step, so no two requests can both take the last place), then `succeeded` or
 * `failed` with its ticket. So no more than a limit's number of passwords are checked at once,
 * nor fail in one window (the pair's count starting again after a correct password).
 */
export class LoginLimiter {
  readonly #limits: LoginLimits;
  readonly #now: () => number;
  readonly #pairs = new Lru<string, Count>(MAX_ENTRIES);
  readonly #accounts = new Lru<string, Count>(MAX_ENTRIES);
  readonly #addresses = new Lru<string, Count>(MAX_ENTRIES);
  /** Pair key → until when it counts as known (epoch ms). */
  readonly #known = new Lru<string, number>(MAX_ENTRIES);
  /** The tickets not yet settled; a settled one is gone, so settling twice does nothing. */
  readonly #held = new WeakMap<LoginTicket, Held>();

  /** `now`: epoch ms (the service's clock; tests move it). */
  constructor(limits: LoginLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /**
   * Counts `attempt` in every count it falls under and returns its ticket, or, when any of them
   * is full, counts nothing and returns the ms until the last full one's window ends.
   */
  begin(attempt: LoginAttempt): LoginStart {
    const now = this.#now();
    const limits = this.#limits;
    const pair = pairKey(attempt);
    const checks: [Lru<string, Count>, string, number][] = [[this.#pairs, pair, limits.perPair]];
    // A known pair's attempts stay its own: they do not spend the account's or address's budget.
    if (!this.#isKnown(pair, now)) {
      checks.push([this.#accounts, attempt.account, limits.perAccount]);
      checks.push([this.#addresses, attempt.address, limits.perAddress]);
    }
    let waitMs = 0;
    for (const [counts, key, max] of checks) {
      const count = current(counts, key, now);
      if (count && count.used >= max) waitMs = Math.max(waitMs, count.endsAt - now);
    }
    if (waitMs > 0) return { ticket: undefined, waitMs };
    const [pairCount, ...others] = checks.map(([counts, key]) => this.#take(counts, key, now));
    const ticket: LoginTicket = { attempt };
    this.#held.set(ticket, { pair: pairCount!, others });
    return { ticket, waitMs: 0 };
  }

  /** The password was wrong (or the account unknown): the attempt stays counted. */
  failed(ticket: LoginTicket): void {
    this.#settle(ticket);
  }

  /**
   * The password was right: the attempt is given back to the account's and the address's counts,
   * the pair's count starts again (keeping only the attempts still being checked, so that no
   * more than the pair limit can ever be in flight) and the pair becomes known. The account's
   * and the address's earlier failures stay: else a sprayer with an account of their own could
   * clear their address's count by logging in to it between rounds.
   */
  succeeded(ticket: LoginTicket): void {
    const held = this.#settle(ticket);
    if (!held) return;
    // A count whose window has turned meanwhile loses nothing: the new window never held it.
    for (const count of held.others) count.used = Math.max(0, count.used - 1);
    const now = this.#now();
    const pair = pairKey(ticket.attempt);
    const count = current(this.#pairs, pair, now);
    if (count) count.used = count.pending;
    this.#known.set(pair, now + this.#limits.knownForMs);
  }

  /** Ends the ticket's check: its counts, or undefined if it was settled already. */
  #settle(ticket: LoginTicket): Held | undefined {
    const held = this.#held.get(ticket);
    if (!held) return undefined;
    this.#held.delete(ticket);
    for (const count of [held.pair, ...held.others]) count.pending -= 1;
    return held;
  }

  #isKnown(pair: string, now: number): boolean {
    return (this.#known.peek(pair) ?? 0) > now;
  }

  /** Counts one attempt under `key`, opening a window if none is open; the count it went in. */
  #take(counts: Lru<string, Count>, key: string, now: number): Count {
    const count = current(counts, key, now) ?? {
      used: 0,
      pending: 0,
      endsAt: now + this.#limits.windowMs,
    };
    count.used += 1;
    count.pending += 1;
    counts.set(key, count);
    return count;
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
 * Runs `check` (a password check) for `attempt` under the limiter: the attempt takes its place
 * in every count before `check` runs (LoginLimiter.begin), so a concurrent burst is limited too;
 * over a limit it is refused with 429 `rate_limited` and Retry-After (seconds) without running
 * `check`, so a locked attempt learns nothing. When `check` throws the error named `wrong` (or
 * anything but our own errors: the safe side) the place stays taken, and the error is rethrown;
 * when it passes, or fails after the password was found right (a weak new password), the
 * attempt counts as a success.
 */
export async function countingFailures<T>(
  limiter: LoginLimiter,
  attempt: LoginAttempt,
  wrong: ErrorName,
  reply: { header(name: string, value: string): unknown },
  check: () => Promise<T>,
): Promise<T> {
  const start = limiter.begin(attempt);
  if (!start.ticket) {
    const seconds = Math.ceil(start.waitMs / 1000);
    reply.header('retry-after', String(seconds));
    fail('MB_ERR_RATE_LIMITED', `Too many failed attempts; try again in ${seconds} s`);
  }
  const ticket = start.ticket;
  try {
    const result = await check();
    limiter.succeeded(ticket);
    return result;
  } catch (error) {
    if (isMailbeaconError(error) && error.errorName !== wrong) limiter.succeeded(ticket);
    else limiter.failed(ticket);
    throw error;
  }
}
