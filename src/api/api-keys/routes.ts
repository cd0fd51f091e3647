import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createApiKey, listApiKeys, revokeKey } from '../../accounts/index.js';
import { principalOf } from '../plugins/auth.js';
import { presentApiKey } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { ApiKeyList, ApiKeyParams, CreateApiKeyBody, CreatedApiKey } from './schema.js';

export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

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
        app.store.db,
        principalOf(request).user,
        request.body.name,
      );
      reply.status(201);
      return { id: apiKey.id, name: apiKey.name, key };
    },
  );

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
      const keys = await listApiKeys(app.store.db, principalOf(request).user);
      return { apiKeys: keys.map(presentApiKey) };
    },
  );

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
      await revokeKey(app.store.db, principalOf(request).user, request.params.id);
      reply.status(204);
      return null;
    },
  );
}
