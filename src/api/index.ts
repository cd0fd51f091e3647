import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { MailbeaconError } from '../errors.js';
import { apiKeyRoutes } from './api-keys/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { type AuthRouteOptions, authRoutes } from './auth/routes.js';
import { consentRoutes } from './consents/routes.js';
import { eventRoutes } from './events/routes.js';
import { healthRoutes } from './health/routes.js';
import { inviteRoutes } from './invites/routes.js';
import { memberRoutes } from './members/routes.js';
import { messageRoutes } from './messages/routes.js';
import { type LiveStreamOptions, registerLiveStreams } from './notifications/live-streams.js';
import { type NotificationRouteOptions, notificationRoutes } from './notifications/routes.js';
import { optOutRoutes } from './opt-outs/routes.js';
import { authPlugin } from './plugins/auth.js';
import { errorHandlerPlugin } from './plugins/error-handler.js';
import { metricsPlugin } from './plugins/metrics.js';
import {
  refuseNonDecimalNumbers,
  refuseNonFiniteNumbers,
  refuseNulCharacters,
} from './plugins/nul-guard.js';
import { recipientRoutes } from './recipients/routes.js';
import { ErrorBody } from './schemas.js';
import { statsRoutes } from './stats/routes.js';
import { webhookRoutes } from './webhooks/routes.js';
import { type WorkspaceRouteOptions, workspaceRoutes } from './workspace/routes.js';

export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.js';
export { devInboxRoutes } from './dev-inbox/routes.js';
export {
  STREAM_RECHECK_MS,
  STREAM_RECHECK_POLL_MS,
} from './notifications/live-streams.js';
export { toMailbeaconError } from './plugins/error-handler.js';
export { formatsPlugin } from './plugins/formats.js';
export { hostRefusal, targetPath } from './plugins/host-guard.js';
export { createMetrics, type Metrics } from './plugins/metrics.js';
export { type OutboxSignal, type Services, servicesPlugin } from './plugins/services.js';
export { webAppRoutes } from './web-app/routes.js';

export interface ApiOptions
  extends AuthRouteOptions,
    NotificationRouteOptions,
    WorkspaceRouteOptions,
    LiveStreamOptions {}

/**
 * The OpenAPI collector, registered on the root before any route so that it sees every route,
 * the tracking endpoints' included (they live in their own plugin, outside the API's).
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mailbeacon API',
        version: '1',
        description: 'Send tracked email and follow what recipients do with it.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: mb_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'mb_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
}

/**
 * Everything under /api, plus the operations endpoints, on an app that has its services. Call
 * it inside an encapsulated plugin: its hooks (auth, rate limits, metrics) and its JSON error
 * handler then stay off the tracking endpoints.
 */
export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  app.addSchema(ErrorBody);
  await app.register(errorHandlerPlugin);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new MailbeaconError(
        'MB_ERR_RATE_LIMITED',
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // After swagger, so that /metrics is in the OpenAPI document too.
  await app.register(metricsPlugin);
  await app.register(authPlugin);
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('preValidation', refuseNonDecimalNumbers);
  app.addHook('preHandler', refuseNonFiniteNumbers);
  registerLiveStreams(app, options);

  await app.register(healthRoutes);
  await app.register(authRoutes, options);
  await app.register(apiKeyRoutes);
  await app.register(inviteRoutes);
  await app.register(workspaceRoutes, options);
  await app.register(optOutRoutes);
  await app.register(eventRoutes);
  await app.register(consentRoutes);
  await app.register(attachmentRoutes);
  await app.register(messageRoutes);
  await app.register(memberRoutes);
  await app.register(statsRoutes);
  await app.register(notificationRoutes, options);
  await app.register(webhookRoutes);
  await app.register(recipientRoutes);
}
