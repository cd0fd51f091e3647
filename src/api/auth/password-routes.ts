import {
  changePassword,
  issuePasswordReset,
  resetLink,
  resetMail,
  resetPassword,
  SESSION_COOKIE,
} from '../../accounts/index.js';
import { fail } from '../../errors.js';
import { principalOf } from '../plugins/auth.js';
import { NoContent, responses } from '../schemas.js';
import type { Api } from '../typed.js';
import {
  addressRateLimit,
  countingFailures,
  LoginLimiter,
  type LoginLimits,
} from './login-limiter.js';
import {
  ChangePasswordBody,
  PasswordResetAccepted,
  PasswordResetBody,
  PasswordResetConfirmBody,
} from './schema.js';

export interface PasswordRouteOptions {
  readonly limits: LoginLimits;
  /** The login limiter: a wrong current password is counted like a failed login. */
  readonly limiter: LoginLimiter;
  /** The service's clock (epoch ms): reset links expire by it. */
  readonly now: () => number;
}

/** Reset mails one account may be sent per window, from anywhere: no mailbox flood. */
const RESETS_PER_ACCOUNT = 5;

const ACCEPTED = {
  message: 'If an account has this address, a link to reset its password is on its way',
} as const;

/**
 * Changing one's password (logged in, by session) and resetting a forgotten one by a mailed
 * link (NIST SP 800-63B §5.1.1.2; OWASP Forgot Password Cheat Sheet).
 */
export function passwordRoutes(api: Api, options: PasswordRouteOptions): void {
  changeRoute(api, options.limiter);
  const perAddress = addressRateLimit(options.limits);
  const perAccount = new LoginLimiter(
    { ...options.limits, perPair: RESETS_PER_ACCOUNT, perAccount: RESETS_PER_ACCOUNT },
    options.now,
  );
  resetRequestRoute(api, perAddress, perAccount, options.now);
  resetConfirmRoute(api, perAddress, options.now);
}

/**
 * `PUT /api/v1/auth/password`, the method DESIGN.md documents, and `POST`, the one the web app
 * and clients used first, kept as an alias: one route, so one handler, schema and limiter.
 */
function changeRoute(api: Api, limiter: LoginLimiter): void {
  api.route({
    method: ['PUT', 'POST'],
    url: '/api/v1/auth/password',
    config: { access: 'user' },
    schema: {
      tags: ['auth'],
      summary:
        'Change one’s own password (session only, not an API key): the current one is asked for, other sessions end. PUT is the method; POST, an alias',
      body: ChangePasswordBody,
      response: responses({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      const { user, via } = principalOf(request);
      // A key must not take over the account it acts for: a leaked script key would otherwise
      // be a way to a new password and a session. The browser's session is the account holder.
      if (via !== 'session')
        fail(
          'MB_ERR_FORBIDDEN',
          'A password is changed from a logged-in session, not with an API key',
        );
      const attempt = { address: request.ip, account: user.email };
      await countingFailures(limiter, attempt, 'MB_ERR_WRONG_PASSWORD', reply, () =>
        changePassword(api.store.db, user, {
          ...('current' in request.body
            ? { currentPassword: request.body.current, newPassword: request.body.password }
            : request.body),
          keepSession: request.cookies[SESSION_COOKIE]!,
        }),
      );
      // Streams of the sessions just ended stop now, not at the next periodic re-check.
      await api.liveStreams.recheckWorkspace(user.workspaceId);
      reply.status(204);
      return null;
    },
  });
}

function resetRequestRoute(
  api: Api,
  rateLimit: ReturnType<typeof addressRateLimit>,
  perAccount: LoginLimiter,
  now: () => number,
): void {
  api.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Ask for a password reset link by mail: the same 202 whether the address has an account or not',
        body: PasswordResetBody,
        response: responses({ 202: PasswordResetAccepted }),
      },
    },
    async (request, reply) => {
      const attempt = { address: request.ip, account: request.body.email.toLowerCase() };
      // Everything after the answer: a known address costs a token and a mail, an unknown one
      // nothing, and the answer's time must not tell them apart.
      api.systemMail.background('password reset mail', async () => {
        // Each mail takes a place that stays taken: at most the limit's number a window.
        const start = perAccount.begin(attempt);
        if (!start.ticket) return;
        perAccount.failed(start.ticket);
        const issued = await issuePasswordReset(api.store.db, attempt.account, now());
        if (!issued) return;
        const link = resetLink(api.config.publicUrl, issued.token);
        await api.systemMail.send(issued.user.workspaceId, resetMail(issued.user, link));
      });
      reply.status(202);
      return ACCEPTED;
    },
  );
}

function resetConfirmRoute(
  api: Api,
  rateLimit: ReturnType<typeof addressRateLimit>,
  now: () => number,
): void {
  api.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Set a new password with a reset link’s token: single use, an hour; every session of the account ends',
        body: PasswordResetConfirmBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { token, newPassword } = request.body;
      const user = await resetPassword(api.store.db, token, newPassword, now());
      await api.liveStreams.recheckWorkspace(user.workspaceId);
      // A browser that was logged in (as anyone) starts from the login page.
      reply.endSession().status(204);
      return null;
    },
  );
}
