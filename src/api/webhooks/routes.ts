import type { FastifyInstance } from 'fastify';
import {
  createWebhook,
  removeWebhook,
  webhookDeliveryLog,
  workspaceWebhooks,
} from '../../notify/index.js';
import { principalOf } from '../plugins/auth.js';
import { presentWebhook, presentWebhookDelivery } from '../presenters/webhooks.js';
import { NoContent, nextCursor, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import {
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryList,
  WebhookList,
  WebhookParams,
  WebhookView,
} from './schema.js';

/** The workspace's webhook subscriptions and their delivery logs: admins only. */
export async function webhookRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  subscribe(api);
  listWebhooks(api);
  deleteWebhook(api);
  listDeliveries(api);
}

function subscribe(api: Api): void {
  api.post(
    '/api/v1/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe the workspace: where to post which events; a secret signs each post',
        body: CreateWebhookBody,
        response: responses({ 201: WebhookView }),
      },
    },
    async (request, reply) => {
      const webhook = await createWebhook(
        api.store.db,
        api.config,
        principalOf(request).user,
        request.body,
      );
      reply.status(201);
      return presentWebhook(webhook);
    },
  );
}

function listWebhooks(api: Api): void {
  api.get(
    '/api/v1/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'The workspace’s subscriptions, with their secrets and whether they were disabled',
        response: responses({ 200: WebhookList }),
      },
    },
    async (request) => {
      const webhooks = await workspaceWebhooks(api.store.db, principalOf(request).user);
      return { webhooks: webhooks.map(presentWebhook) };
    },
  );
}

function deleteWebhook(api: Api): void {
  api.delete(
    '/api/v1/webhooks/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a subscription; its pending deliveries are not sent',
        params: WebhookParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await removeWebhook(api.store.db, principalOf(request).user, request.params.id);
      reply.status(204);
      return null;
    },
  );
}

function listDeliveries(api: Api): void {
  api.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['webhooks'],
        summary: 'The subscription’s delivery log, newest first: attempts, status, last error',
        params: WebhookParams,
        querystring: DeliveriesQuery,
        response: responses({ 200: DeliveryList }),
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const deliveries = await webhookDeliveryLog(
        api.store.db,
        principalOf(request).user,
        request.params.id,
        {
          limit,
          before: request.query.cursor,
        },
      );
      return {
        deliveries: deliveries.map(presentWebhookDelivery),
        cursor: nextCursor(deliveries, limit),
      };
    },
  );
}
