import type { FastifyInstance } from 'fastify';
import { createInvite } from '../../accounts/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { SPA_ROUTES } from '../web-app/spa-routes.js';
import { CreatedInvite, CreateInviteBody } from './schema.js';

export async function inviteRoutes(app: FastifyInstance): Promise<void> {
  invite(typed(app));
}

function invite(api: Api): void {
  api.post(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['auth'],
        summary: 'Invite a colleague to the workspace (admins)',
        body: CreateInviteBody,
        response: responses({ 201: CreatedInvite }),
      },
    },
    async (request, reply) => {
      const { email, role } = request.body;
      const invite = await createInvite(
        api.store.db,
        principalOf(request).user,
        email,
        role ?? 'member',
      );
      const url = new URL(`${api.config.publicUrl}${SPA_ROUTES.signup}`);
      url.searchParams.set('invite', invite.token);
      reply.status(201);
      return { token: invite.token, url: url.href, expiresAt: iso(invite.expiresAt) };
    },
  );
}
