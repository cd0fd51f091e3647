import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS, type ErrorName, isMailbeaconError, MailbeaconError } from '../../errors.js';
import { isDatabaseUnavailable } from '../../store/index.js';

/** Fastify's own errors that are the client's doing, mapped onto our catalogue. */
const FASTIFY_CODES: Record<string, ErrorName> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MB_ERR_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MB_ERR_INVALID_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MB_ERR_BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_MULTIPART_MISSING_BOUNDARY: 'MB_ERR_BAD_REQUEST',
};

export function toMailbeaconError(error: unknown): MailbeaconError {
  if (isMailbeaconError(error)) return error;
  const fastifyError = (error ?? {}) as Partial<FastifyError>;
  if (fastifyError.validation) {
    // An enum's error does not say what it allows: the caller is told the values.
    const allowed = fastifyError.validation.find((entry) => entry.keyword === 'enum')?.params as
      | { allowedValues?: unknown[] }
      | undefined;
    const values = allowed?.allowedValues?.map((value) => JSON.stringify(value)).join(', ');
    return new MailbeaconError(
      'MB_ERR_VALIDATION',
      values ? `${fastifyError.message}: ${values}` : fastifyError.message,
    );
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new MailbeaconError(mapped);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new MailbeaconError('MB_ERR_INVALID_JSON');
  }
  if (isDatabaseUnavailable(error)) {
    return new MailbeaconError('MB_ERR_DATABASE_UNAVAILABLE', undefined, { cause: error });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new MailbeaconError('MB_ERR_BAD_REQUEST', fastifyError.message);
  }
  return new MailbeaconError('MB_ERR_INTERNAL', undefined, { cause: error });
}

/**
 * Every error, ours or Fastify's, leaves as `{"error": {"code", "message"}}`. Faults are logged
 * with their cause; refusals only at debug level.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const mbError = toMailbeaconError(error);
      if (mbError.fault) request.log.error({ err: error }, 'request failed');
      else request.log.debug({ code: mbError.code }, 'request refused');
      return reply
        .status(mbError.status)
        .send({ error: { code: mbError.code, message: mbError.message } });
    });
    app.setNotFoundHandler((request, reply) => {
      const { code, status, message } = ERRORS.MB_ERR_ROUTE_NOT_FOUND;
      return reply.status(status).send({
        error: { code, message: `${message}: ${request.method} ${request.url.split('?')[0]}` },
      });
    });
  },
  { name: 'mailbeacon-errors' },
);
