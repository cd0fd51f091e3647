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
import {
  type AddressRateLimit,
  addressRateLimit,
  countingFailures,
  LoginLimiter,
  type LoginLimits,
} from './login-limiter.js';
import { passwordRoutes } from './password-routes.js';
import { LoginBody, Membership, ProfileBody, SignupBody } from './schema.js';

export interface AuthRouteOptions {
  /** Failed logins allowed per address, account and pair; signups per address, same window. */
  readonly loginLimits: LoginLimits;
  /** The clock the login limits run by (epoch ms); the service's, which tests move. */
  readonly now?: () => number;
}

/** Sign up, log in and out, the calling user's own profile, and password change and reset. */
export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const api = typed(app);
  const limiter = new LoginLimiter(options.loginLimits, options.now);
  signup(api, addressRateLimit(options.loginLimits));
  login(api, limiter);
  logout(api);
  getMe(api);
  changeMe(api);
  passwordRoutes(api, { limits: options.loginLimits, limiter, now: options.now ?? Date.now });
}

function signup(api: Api, rateLimit: AddressRateLimit): void {
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
      return presentMembership(membership.user, membership.workspace, api.config);
    },
  );
}

function login(api: Api, limiter: LoginLimiter): void {
  api.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie (429 with Retry-After after repeated failures)',
        body: LoginBody,
        response: responses({ 200: Membership }),
      },
    },
    async (request, reply) => {
      const attempt = { address: request.ip, account: request.body.email.toLowerCase() };
      const user = await countingFailures(
        limiter,
        attempt,
        'MB_ERR_INVALID_CREDENTIALS',
        reply,
        () => checkCredentials(api.store.db, attempt.account, request.body.password),
      );
      const workspace = await findWorkspaceById(api.store.db, user.workspaceId);
      if (!workspace) fail('MB_ERR_INVALID_CREDENTIALS');
      const session = await openSession(api.store.db, user);
      reply.startSession(session.token, session.expiresAt);
      return presentMembership(user, workspace, api.config);
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
      return presentMembership(user, workspace, api.config);
    },
  );
}

function changeMe(api: Api): void {
  api.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change one’s own name, language (en, it) or tracking default (null: the workspace’s)',
        body: ProfileBody,
        response: responses({ 200: Membership }),
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      const name = request.body.name?.trim();
      const { language, trackingDefault } = request.body;
      await updateUserProfile(api.store.db, user.id, {
        name,
        language,
        trackingDefault:
          trackingDefault === undefined
            ? undefined
            : trackingDefault === null
              ? null
              : +trackingDefault,
      });
      // The user's live streams word their next line in the new language (they read it again
      // when their principal is re-checked; another node's streams at their next round).
      if (language !== undefined) {
        await api.liveStreams.recheckWorkspace(user.workspaceId);
      }
      const [updated, workspace] = await Promise.all([
        findUserById(api.store.db, user.id),
        findWorkspaceById(api.store.db, user.workspaceId),
      ]);
      if (!updated || !workspace) fail('MB_ERR_UNAUTHENTICATED');
      return presentMembership(updated, workspace, api.config);
    },
  );
}
