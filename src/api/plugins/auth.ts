import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  closeSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  userForApiKey,
  userForSession,
} from '../../accounts/index.js';
import { fail, MailbeaconError } from '../../errors.js';
import type { UserRow } from '../../store/index.js';

/** Who may call a route: anyone, any logged-in user, or workspace admins only. */
export type Access = 'public' | 'user' | 'admin';

export interface Principal {
  readonly user: UserRow;
  readonly via: 'session' | 'api_key';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyReply {
    startSession(token: string, expiresAt: number): FastifyReply;
    endSession(): FastifyReply;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The caller, for handlers of routes whose access is 'user' or 'admin'. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) fail('MB_ERR_UNAUTHENTICATED');
  return request.principal;
}

/**
 * Resolves the caller before the body is read (a refusal costs no parsing): an API key in
 * `Authorization: Bearer`, else the session cookie. Routes declare `config.access`; anything
 * under /api/v1 without a declaration needs a user.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const secure = new URL(app.config.publicUrl).protocol === 'https:';
    const publicOrigin = new URL(app.config.publicUrl).origin;
    await app.register(cookie);

    app.decorateRequest('principal', null);
    app.decorateReply(
      'startSession',
      function (this: FastifyReply, token: string, expiresAt: number) {
        return this.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          expires: new Date(expiresAt),
          maxAge: Math.floor(SESSION_TTL_MS / 1000),
        });
      },
    );
    app.decorateReply('endSession', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
      });
    });

    app.addHook('onRequest', async (request) => {
      const access = accessOf(request);
      const principal = await identify(app, request);
      if (principal?.via === 'session' && UNSAFE_METHODS.has(request.method)) {
        rejectCrossSite(request, publicOrigin);
      }
      request.principal = principal;
      if (access === 'public') return;
      if (!principal) fail('MB_ERR_UNAUTHENTICATED');
      if (access === 'admin' && principal.user.role !== 'admin') fail('MB_ERR_FORBIDDEN');
    });
  },
  { name: 'mailbeacon-auth', dependencies: ['mailbeacon-services'] },
);

/** Routes say who may call them; unsaid, the API needs a user and everything else is public. */
function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config.access;
  if (declared) return declared;
  return request.routeOptions.url?.startsWith('/api/v1/') ? 'user' : 'public';
}

async function identify(app: FastifyInstance, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      fail('MB_ERR_INVALID_API_KEY', 'The Authorization header must be "Bearer <api key>"');
    const user = await userForApiKey(app.store.db, match[1]!);
    if (!user) fail('MB_ERR_INVALID_API_KEY');
    return { user, via: 'api_key' };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const user = await userForSession(app.store.db, token);
  return user ? { user, via: 'session' } : null;
}

/**
 * SameSite=Lax already keeps the cookie off cross-site POSTs in current browsers; checking the
 * Origin as well covers older ones and same-site subdomains.
 */
function rejectCrossSite(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const sameHost = `${request.protocol}://${request.host}`;
  if (origin !== publicOrigin && origin !== sameHost) fail('MB_ERR_CROSS_SITE');
}

/**
 * Whether the credentials `request` came with still name `principal`: its session is open, or
 * its API key unrevoked, and it still resolves to the same user, in the same workspace (a user
 * removed, or moved to another workspace, no longer is). What a long-lived response (the live
 * stream) asks again while it runs. Throws only when that cannot be told (the database is away).
 */
export async function principalStands(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Principal,
): Promise<boolean> {
  return (await standingPrincipal(app, request, principal)) !== null;
}

/**
 * As principalStands, answering with the principal as it is now (its user's row read again: a
 * changed profile language, say), or null when it no longer stands.
 */
export async function standingPrincipal(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Principal,
): Promise<Principal | null> {
  let now: Principal | null;
  try {
    now = await identify(app, request);
  } catch (error) {
    if (error instanceof MailbeaconError) return null;
    throw error;
  }
  const stands =
    now?.via === principal.via &&
    now.user.id === principal.user.id &&
    now.user.workspaceId === principal.user.workspaceId;
  return stands ? now : null;
}

export async function logoutRequest(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await closeSession(app.store.db, token);
}
