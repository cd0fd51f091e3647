import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createInvite } from '../../accounts/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { responses } from '../schemas.js';
import { CreatedInvite, CreateInviteBody } from './schema.js';

export async function inviteRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

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
        app.store.db,
        principalOf(request).user,
        email,
        role ?? 'member',
      );
      const url = new URL(`${app.config.publicUrl}/signup`);
      url.searchParams.set('invite', invite.token);
      reply.status(201);
      return { token: invite.token, url: url.href, expiresAt: iso(invite.expiresAt) };
    },
  );
}
