import type { FastifyInstance } from 'fastify';
import {
  checkCredentials,
  openSession,
  signupFirstUser,
  signupWithInvite,
} from '../../accounts/index.js';
import { fail } from '../../errors.js';
import { findUserById, findWorkspaceById, updateUserProfile } from '../../store/index.js';
import { logoutRequest, principalOf } from '../plugins/auth.js';
import { presentMembership } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { LoginBody, Membership, ProfileBody, SignupBody } from './schema.js';

export interface AuthRouteOptions {
  /** Login and signup attempts allowed per client address and email within the window. */
  readonly loginAttempts: { max: number; windowMs: number };
}

/** Sign up, log in and out, and the calling user's own profile. */
export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const api = typed(app);
  const rateLimit = rateLimitOf(options.loginAttempts);
  signup(api, rateLimit);
  login(api, rateLimit);
  logout(api);
  getMe(api);
  changeMe(api);
}

/**
 * The login and signup limit. Keyed on the address and the email tried, and counted after the
 * body is read, so one office behind one NAT does not lock its colleagues out.
 */
function rateLimitOf(attempts: AuthRouteOptions['loginAttempts']) {
  return {
    max: attempts.max,
    timeWindow: attempts.windowMs,
    hook: 'preHandler' as const,
    keyGenerator: (request: { ip: string; body?: unknown }) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `${request.ip}|${typeof email === 'string' ? email.toLowerCase() : ''}`;
    },
  };
}
type RateLimit = ReturnType<typeof rateLimitOf>;

function signup(api: Api, rateLimit: RateLimit): void {
  api.post(
    '/api/v1/auth/signup',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Create an account: the first user creates the workspace, later ones need an invite',
        body: SignupBody,
        response: responses({ 201: Membership }),
      },
    },
    async (request, reply) => {
      const { email, password, name, workspace, invite } = request.body;
      const account = { email, password, name };
      let membership: Awaited<ReturnType<typeof signupFirstUser>>;
      if (invite !== undefined) {
        membership = await signupWithInvite(api.store.db, account, invite);
      } else {
        membership = await signupFirstUser(api.store.db, account, workspace);
      }
      const session = await openSession(api.store.db, membership.user);
      reply.startSession(session.token, session.expiresAt).status(201);
      return presentMembership(membership.user, membership.workspace);
    },
  );
}

function login(api: Api, rateLimit: RateLimit): void {
  api.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie',
        body: LoginBody,
        response: responses({ 200: Membership }),
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(api.store.db, request.body.email, request.body.password);
      const workspace = await findWorkspaceById(api.store.db, user.workspaceId);
      if (!workspace) fail('MB_ERR_INVALID_CREDENTIALS');
      const session = await openSession(api.store.db, user);
      reply.startSession(session.token, session.expiresAt);
      return presentMembership(user, workspace);
    },
  );
}

function logout(api: Api): void {
  api.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Log out', response: responses({ 204: NoContent }) },
    },
    async (request, reply) => {
      await logoutRequest(api, request);
      // The session's live streams end now, not at the next periodic re-check.
      if (request.principal)
        await api.liveStreams.recheckWorkspace(request.principal.user.workspaceId);
      reply.endSession().status(204);
      return null;
    },
  );
}

function getMe(api: Api): void {
  api.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The calling user and their workspace',
        response: responses({ 200: Membership }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const workspace = await findWorkspaceById(api.store.db, user.workspaceId);
      if (!workspace) fail('MB_ERR_UNAUTHENTICATED');
      return presentMembership(user, workspace);
    },
  );
}

function changeMe(api: Api): void {
  api.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own name or language (en, it)',
        body: ProfileBody,
        response: responses({ 200: Membership }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const name = request.body.name?.trim();
      await updateUserProfile(api.store.db, user.id, { name, language: request.body.language });
      const [updated, workspace] = await Promise.all([
        findUserById(api.store.db, user.id),
        findWorkspaceById(api.store.db, user.workspaceId),
      ]);
      if (!updated || !workspace) fail('MB_ERR_UNAUTHENTICATED');
      return presentMembership(updated, workspace);
    },
  );
}
