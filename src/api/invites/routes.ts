import type { FastifyInstance } from 'fastify';
import {
  createInvite,
  inviteMail,
  lookupInvite,
  pendingInvites,
  revokeInvite,
} from '../../accounts/index.js';
import { SmtpFailure } from '../../mail/index.js';
import { shownResponse } from '../../messages/index.js';
import { findWorkspaceById } from '../../store/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { SPA_ROUTES } from '../web-app/spa-routes.js';
import {
  CreatedInvite,
  CreateInviteBody,
  InviteDetails,
  InviteLookupBody,
  InviteParams,
  PendingInvites,
} from './schema.js';

export async function inviteRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  invite(api);
  listInvites(api);
  withdrawInvite(api);
  lookup(api);
}

function invite(api: Api): void {
  api.post(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['auth'],
        summary: 'Invite a colleague to the workspace (admins); the invitation is mailed to them',
        body: CreateInviteBody,
        response: responses({ 201: CreatedInvite }),
      },
    },
    async (request, reply) => {
      const { email, role } = request.body;
      const admin = principalOf(request).user;
      const invite = await createInvite(api.store.db, admin, email, role ?? 'member');
      const url = new URL(`${api.config.publicUrl}${SPA_ROUTES.signup}`);
      url.searchParams.set('invite', invite.token);
      // Mailed before answering, unlike a password reset: the admin asked, and wants to know
      // whether it went (else they copy the link). The invite stands either way.
      const workspace = await findWorkspaceById(api.store.db, admin.workspaceId);
      let mailError: string | undefined;
      try {
        await api.systemMail.send(
          admin.workspaceId,
          inviteMail(email, admin, workspace?.name ?? '', url.href, invite.expiresAt),
        );
      } catch (error) {
        mailError =
          error instanceof SmtpFailure
            ? shownResponse(error)
            : 'The invitation could not be mailed';
        request.log.warn({ err: error }, 'an invitation was not mailed');
      }
      reply.status(201);
      return {
        id: invite.id,
        token: invite.token,
        url: url.href,
        expiresAt: iso(invite.expiresAt),
        mailed: mailError === undefined,
        ...(mailError === undefined ? {} : { mailError }),
      };
    },
  );
}

function listInvites(api: Api): void {
  api.get(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['auth'],
        summary: 'The workspace’s invites still waiting for a signup, newest first (admins)',
        response: responses({ 200: PendingInvites }),
      },
    },
    async (request) => {
      const invites = await pendingInvites(api.store.db, principalOf(request).user);
      return {
        invites: invites.map((invite) => ({
          ...invite,
          createdAt: iso(invite.createdAt),
          expiresAt: iso(invite.expiresAt),
        })),
      };
    },
  );
}

function withdrawInvite(api: Api): void {
  api.delete(
    '/api/v1/invites/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['auth'],
        summary: 'Withdraw a pending invite: its link stops working (admins)',
        params: InviteParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await revokeInvite(api.store.db, principalOf(request).user, request.params.id);
      reply.status(204);
      return null;
    },
  );
}

function lookup(api: Api): void {
  api.post(
    '/api/v1/auth/invite',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whom an invite link is for, to fill in the signup page (the token in the body)',
        body: InviteLookupBody,
        response: responses({ 200: InviteDetails }),
      },
    },
    async (request) => {
      const details = await lookupInvite(api.store.db, request.body.token);
      return {
        email: details.email,
        role: details.role,
        workspace: { name: details.workspaceName },
        expiresAt: iso(details.expiresAt),
      };
    },
  );
}
