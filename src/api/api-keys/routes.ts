import type { FastifyInstance } from 'fastify';
import { createApiKey, listApiKeys, revokeKey } from '../../accounts/index.js';
import { principalOf } from '../plugins/auth.js';
import { presentApiKey } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import { ApiKeyList, ApiKeyParams, CreateApiKeyBody, CreatedApiKey } from './schema.js';

export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  createKey(api);
  listKeys(api);
  revokeApiKey(api);
}

function createKey(api: Api): void {
  api.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API key for the calling user; the key is shown once',
        body: CreateApiKeyBody,
        response: responses({ 201: CreatedApiKey }),
      },
    },
    async (request, reply) => {
      const { apiKey, key } = await createApiKey(
        api.store.db,
        principalOf(request).user,
        request.body.name,
      );
      reply.status(201);
      return { id: apiKey.id, name: apiKey.name, key };
    },
  );
}

function listKeys(api: Api): void {
  api.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags: ['auth'],
        summary: 'The calling user’s API keys (never the keys themselves)',
        response: responses({ 200: ApiKeyList }),
      },
    },
    async (request) => {
      const keys = await listApiKeys(api.store.db, principalOf(request).user);
      return { apiKeys: keys.map(presentApiKey) };
    },
  );
}

function revokeApiKey(api: Api): void {
  api.delete(
    '/api/v1/api-keys/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API key (one’s own; admins any in the workspace)',
        params: ApiKeyParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const actor = principalOf(request).user;
      await revokeKey(api.store.db, actor, request.params.id);
      // The key's live streams end now, not at the next periodic re-check.
      await api.liveStreams.recheckWorkspace(actor.workspaceId);
      reply.status(204);
      return null;
    },
  );
}
