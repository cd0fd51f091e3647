import { fileURLToPath } from 'node:url';
import { AjvCompiler } from '@fastify/ajv-compiler';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  type ApiOptions,
  DEFAULT_LOGIN_LIMITS,
  devInboxRoutes,
  formatsPlugin,
  hostRefusal,
  registerApi,
  registerApiDocs,
  type Services,
  STREAM_RECHECK_MS,
  STREAM_RECHECK_POLL_MS,
  servicesPlugin,
  targetPath,
  toMailbeaconError,
  webAppRoutes,
} from './api/index.js';
import {
  sendTrackingError,
  TRACKING_PREFIX,
  type TrackingPluginOptions,
  trackingClientErrorResponse,
  trackingRoutes,
} from './tracking/index.js';

const validatorPool = AjvCompiler();

/**
 * Validators as Fastify builds them, but a JSON body is never coerced: `null`, `"true"` or `1`
 * for a boolean field is refused, not read as `false`/`true` (a tester's `{"tracking":
 * {"enabled": null}}` switched tracking off). A query string and path parameters arrive as text,
 * so there the schema's numbers and booleans are still read from it (`coerceTypes: 'array'`).
 */
const uncoercedBodies: typeof validatorPool = (externalSchemas, options = {}) => {
  const fromUrl = validatorPool(externalSchemas, options);
  // Our options are ajv's (not JTD's: no `mode`), as the `ajv` server option above gives them.
  const { customOptions, ...shared } = options as { customOptions?: Record<string, unknown> };
  const fromBody = validatorPool(externalSchemas, {
    ...shared,
    customOptions: { ...customOptions, coerceTypes: false },
  });
  return (route) => (route.httpPart === 'body' ? fromBody : fromUrl)(route);
};

export interface AppParts extends Services {
  readonly logger: FastifyBaseLogger;
  readonly tracking: TrackingPluginOptions;
  /** The dev inbox's SMTP port, shown on its page; with `devInbox` only. */
  readonly devSmtpPort?: number;
  /** The service's clock (epoch ms); the API times its live streams' re-checks by it. */
  readonly clock?: () => number;
  /** Overrides for tests; production uses the defaults. */
  readonly options?: Partial<ApiOptions>;
}

const DEFAULT_OPTIONS: Omit<ApiOptions, 'clock'> = {
  loginLimits: DEFAULT_LOGIN_LIMITS,
  sseHeartbeatMs: 25_000,
  streamRecheckMs: STREAM_RECHECK_MS,
  streamRecheckPollMs: STREAM_RECHECK_POLL_MS,
};

// By the target's path: an absolute-form target (`http://host/t/…`) is a recipient's URL too.
const isTrackingUrl = (url: string | undefined) =>
  targetPath(url).startsWith(`${TRACKING_PREFIX}/`);

/**
 * No line per request at info level: one per request would double the tracking path's cost;
 * faults are logged where they happen, and /metrics counts every API request. At debug level an
 * API request (never a hit) gets one line when it completes, written through the logger's
 * serializers (src/logger.ts), which keep no address, token or query string of it.
 */
class ApiRequestLog extends LogController {
  constructor() {
    super({ disableRequestLogging: true });
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (isTrackingUrl(request.url)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    request.log.debug(error ? { ...fields, err: error } : fields, 'request completed');
  }
}

/**
 * A refusal made before any part's own error handler can answer: a recipient (a /t/* URL) gets
 * the tracking part's page with the status, everything else the API's JSON error body.
 */
function refuseBeforeRouting(
  error: Partial<FastifyError>,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  // The matched route too: `/%74/c/…` is routed to tracking (its path is decoded), whose
  // replies are pages, and a JSON body sent through its serializer read "[object Object]".
  const tracking =
    isTrackingUrl(request.url) ||
    (request.routeOptions.url?.startsWith(`${TRACKING_PREFIX}/`) ?? false);
  if (tracking) return sendTrackingError(error, request, reply);
  const refusal = toMailbeaconError(error);
  return reply
    .status(refusal.status)
    .send({ error: { code: refusal.code, message: refusal.message } });
}

/**
 * Two sibling plugins on one server: the tracking endpoints (recipients, the hot path) and
 * everything else (the API, the dev inbox, the web app). Neither sees the other's hooks or
 * error pages; the root holds only the shared services and the OpenAPI collector.
 */
export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config } = parts;
  const app = Fastify({
    loggerInstance: parts.logger,
    trustProxy:
      config.trustProxy === true
        ? true
        : config.trustProxy === false
          ? false
          : [...config.trustProxy],
    bodyLimit: 2 * 1024 * 1024,
    // Node answers an HTTP/1.1 request without Host with its own empty 400; the host hook below
    // answers it instead, with the error body every other refusal has (RFC 9112 §3.2).
    http: { requireHostHeader: false },
    logController: new ApiRequestLog(),
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false },
      plugins: [formatsPlugin],
    },
    schemaController: { compilersFactory: { buildValidator: uncoercedBodies } },
    // Errors found before routing (a bad percent-escape): a recipient gets a page, the API JSON.
    frameworkErrors: (error, request, reply) =>
      refuseBeforeRouting(error, request, reply as unknown as FastifyReply),
    // Requests Node's parser refuses (a malformed header line) never reach Fastify.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const failure = error as unknown as { rawPacket?: Buffer; code?: string };
      const timedOut =
        failure.code === 'ERR_HTTP_REQUEST_TIMEOUT' ||
        failure.code === 'HPE_HEADER_OVERFLOW_TIMEOUT';
      const page = trackingClientErrorResponse(failure.rawPacket, timedOut ? 408 : 400);
      if (page) {
        socket.end(page);
        return;
      }
      const { code, message } = toMailbeaconError({
        statusCode: 400,
        message: 'The request could not be read',
      });
      const body = JSON.stringify({ error: { code, message } });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  // First of all hooks, on the root: it guards the tracking endpoints and the web app alike.
  app.addHook('onRequest', async (request, reply) => {
    const refusal = hostRefusal(request, config.allowedHosts);
    if (refusal) return refuseBeforeRouting(refusal, request, reply);
  });
  await app.register(servicesPlugin, parts);
  await registerApiDocs(app);
  await app.register(trackingRoutes, { ...parts.tracking, prefix: TRACKING_PREFIX });
  await app.register(async (web) => {
    await registerApi(web, {
      ...DEFAULT_OPTIONS,
      clock: parts.clock ?? Date.now,
      ...parts.options,
    });
    if (parts.devInbox) {
      await web.register(devInboxRoutes, { inbox: parts.devInbox, smtpPort: parts.devSmtpPort });
    }
    // Last: the app's own addresses, each listed by name, shadow nothing above.
    await web.register(webAppRoutes, {
      root: fileURLToPath(new URL('../web/dist', import.meta.url)),
    });
  });
  return app;
}
