import type { FastifyInstance } from 'fastify';
import { listUsers, type UserRow } from '../../store/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { MemberList } from './schema.js';

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
