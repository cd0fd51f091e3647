import type { FastifyInstance } from 'fastify';
import { removeMember } from '../../accounts/index.js';
import { listUsers, type UserRow } from '../../store/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { MemberList, MemberParams } from './schema.js';

// A whitelist: colleagues see each other's name, address and role, never more.
function presentMember(user: UserRow) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: iso(user.createdAt),
  };
}

export async function memberRoutes(app: FastifyInstance): Promise<void> {
  listMembers(typed(app));
  removeMemberRoute(typed(app));
}

function listMembers(api: Api): void {
  api.get(
    '/api/v1/workspace/members',
    {
      schema: {
        tags: ['workspace'],
        summary: 'The workspace’s members, oldest first',
        response: responses({ 200: MemberList }),
      },
    },
    async (request) => {
      const users = await listUsers(api.store.db, principalOf(request).user.workspaceId);
      return { members: users.map(presentMember) };
    },
  );
}

function removeMemberRoute(api: Api): void {
  api.delete(
    '/api/v1/workspace/members/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'Remove a member from the workspace (admins; not oneself)',
        description:
          'The member can no longer sign in; their sessions, API keys and live streams end at once and they follow no message. Their messages stay, naming them as the sender, and their address stays taken.',
        params: MemberParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const admin = principalOf(request).user;
      await removeMember(api.store.db, admin, request.params.id, Date.now());
      // Their live streams end now, not at the next periodic re-check.
      await api.liveStreams.recheckWorkspace(admin.workspaceId);
      reply.status(204);
      return null;
    },
  );
}
