import type { FastifyBaseLogger } from 'fastify';
import { SESSION_COOKIE, userForSession } from '../accounts/index.js';
import { Lru } from '../lru.js';
import type { Db } from '../store/index.js';

const COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=([^;]*)`);

interface Known {
  /** The session user's workspace; null for a token that names no live session. */
  readonly workspaceId: string | null;
  readonly until: number;
}

/**
 * "Is this the sender's own browser?", answered by tracking itself: the web app's session
 * cookie, when a hit carries one, names a user and so a workspace. Each token is looked up once
 * and kept for `ttlMs` (a logout is seen within that time); most hits carry no cookie and cost
 * nothing. At most `max` tokens are kept.
 */
export class SenderSessions {
  readonly #known: Lru<string, Known>;
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #ttlMs: number;

  constructor(db: Db, log: FastifyBaseLogger, ttlMs = 60_000, max = 10_000) {
    this.#db = db;
    this.#log = log;
    this.#ttlMs = ttlMs;
    this.#known = new Lru(max);
  }

  /**
   * Whether the `Cookie` header carries a live session of a user of `workspaceId`. Synchronous
   * (a boolean) when the answer is known without the database.
   */
  isTeamOf(cookieHeader: string | undefined, workspaceId: string): boolean | Promise<boolean> {
    if (!cookieHeader?.includes(SESSION_COOKIE)) return false;
    const token = COOKIE.exec(cookieHeader)?.[1]?.trim();
    if (!token) return false;
    const now = Date.now();
    const known = this.#known.get(token);
    if (known && known.until > now) return known.workspaceId === workspaceId;
    return this.#lookUp(token, now).then((found) => found === workspaceId);
  }

  async #lookUp(token: string, now: number): Promise<string | null> {
    let workspaceId: string | null;
    try {
      workspaceId =
        (await userForSession(this.#db, decodeURIComponentSafe(token)))?.workspaceId ?? null;
    } catch (error) {
      // Unknown is "not the team": the hit is classified on what else it shows.
      this.#log.warn({ err: error }, 'looking up a session for a hit failed');
      return null;
    }
    this.#known.set(token, { workspaceId, until: now + this.#ttlMs });
    return workspaceId;
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
