/**
 * What the webhook tests share. Until `src/api/index.ts` registers the webhook routes and
 * `src/service.ts` runs the `webhook` queue, the tests mount the routes on a side app over the
 * same store and run their own worker; once the service does both, the same tests run against
 * it unchanged (enqueueing and delivery are idempotent per subscription and event, so a second
 * worker or a second enqueue changes nothing).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { authPlugin } from '../../../../src/api/plugins/auth.js';
import { errorHandlerPlugin } from '../../../../src/api/plugins/error-handler.js';
import { ErrorBody } from '../../../../src/api/schemas.js';
import { webhookRoutes } from '../../../../src/api/webhooks/routes.js';
import { startWorker, type Worker } from '../../../../src/jobs/index.js';
import {
  enqueueWebhooksForEvents,
  WEBHOOK_QUEUE,
  type WebhookDeliveryDeps,
  webhookDeliveryHandler,
} from '../../../../src/notify/webhooks/index.js';
import { HttpClient } from '../../../helpers/http-client.js';
import type { TestService } from '../../../helpers/test-service.js';

/** Waits between retries in these tests: enough of them to restart a receiver in between. */
export const TEST_RETRY_DELAYS_MS: readonly number[] = Array(20).fill(200);

/**
 * Options for `startTestService`: the outbox polls often, and the webhook queue (once the
 * service runs it) retries as quickly as the tests' own worker. Held in a variable, so the
 * `webhooks` key type-checks before ServiceOptions has it.
 */
export const TEST_SERVICE_OPTIONS = {
  outbox: { pollMs: 100 },
  webhooks: { retryDelaysMs: TEST_RETRY_DELAYS_MS, pollMs: 50 },
};

export interface WebhookApi {
  readonly url: string;
  /** A client for the webhook routes acting as the given (logged-in) client's user. */
  as(client: HttpClient): HttpClient;
  close(): Promise<void>;
}

/** The webhook routes: the server's own once registered, else a side app on the same store. */
export async function webhookApi(server: TestService, admin: HttpClient): Promise<WebhookApi> {
  const probe = await admin.get('/api/v1/webhooks');
  const as = (url: string) => (client: HttpClient) => {
    const next = new HttpClient(url);
    next.cookie = client.cookie;
    next.apiKey = client.apiKey;
    return next;
  };
  if (!(probe.status === 404 && probe.body?.error?.code === 'route_not_found')) {
    return { url: server.url, as: as(server.url), close: async () => {} };
  }
  const main = server.service.app;
  const side = Fastify({
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // What the auth plugin and the webhook routes use of the services, under the services
  // plugin's name (the auth plugin depends on it by name).
  await side.register(
    fp(
      async (app) => {
        app.decorate('config', main.config);
        app.decorate('store', main.store);
      },
      { name: 'mailbeacon-services' },
    ),
  );
  side.addSchema(ErrorBody);
  await side.register(errorHandlerPlugin);
  await side.register(authPlugin);
  await side.register(webhookRoutes);
  const url = await side.listen({ port: 0, host: '127.0.0.1' });
  return { url, as: as(url), close: () => side.close() };
}

/** A worker for the webhook queue over the service's store, as the service will run one. */
export function startWebhookWorker(
  server: TestService,
  deps: Partial<Omit<WebhookDeliveryDeps, 'store' | 'log'>> = {},
): Worker {
  const { store, app } = server.service;
  return startWorker({
    store,
    queue: WEBHOOK_QUEUE,
    log: app.log,
    pollMs: 50,
    handler: webhookDeliveryHandler({
      store,
      config: app.config,
      log: app.log,
      retryDelaysMs: TEST_RETRY_DELAYS_MS,
      ...deps,
    }),
  });
}

/**
 * Queues the webhook deliveries of a recipient's recorded events, as the service does after
 * each commit (a no-op for any it queued already). Returns how many were new.
 */
export async function queueRecipientEvents(
  server: TestService,
  messageId: string,
  email: string,
): Promise<number> {
  const db = server.service.store.db;
  const events = await db
    .selectFrom('events')
    .innerJoin('recipients', 'recipients.id', 'events.recipientId')
    .selectAll('events')
    .where('events.messageId', '=', messageId)
    .where('recipients.email', '=', email)
    .execute();
  return enqueueWebhooksForEvents(db, events);
}

/** Logs a user in and returns their client. */
export async function login(baseUrl: string, email: string, password: string) {
  const client = new HttpClient(baseUrl);
  const reply = await client.post('/api/v1/auth/login', { email, password });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
  return client;
}
