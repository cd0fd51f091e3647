import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS, type ErrorName, isMailbeaconError, MailbeaconError } from '../../errors.js';
import { singleLineRefusal } from '../../mail/index.js';
import { isDatabaseUnavailable } from '../../store/index.js';
import { CURSOR_PATTERN } from '../schemas.js';

/** Fastify's own errors that are the client's doing, mapped onto our catalogue. */
const FASTIFY_CODES: Record<string, ErrorName> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MB_ERR_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MB_ERR_INVALID_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MB_ERR_BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'MB_ERR_PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'MB_ERR_PAYLOAD_TOO_LARGE',
  // Counts of parts, not sizes: a malformed upload (the upload route words each one).
  FST_FILES_LIMIT: 'MB_ERR_BAD_REQUEST',
  FST_PARTS_LIMIT: 'MB_ERR_BAD_REQUEST',
  FST_FIELDS_LIMIT: 'MB_ERR_BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_MULTIPART_MISSING_BOUNDARY: 'MB_ERR_BAD_REQUEST',
};

/**
 * A schema refusal in words the caller can act on: an enum's error does not say what it
 * allows, so the values are added; a one-line field's pattern is a character class nobody
 * reads, so the message says which characters it refuses.
 */
function validationMessage(error: Partial<FastifyError>): string {
  const [entry] = error.validation ?? [];
  if (entry?.keyword === 'enum') {
    const allowed = (entry.params as { allowedValues?: unknown[] }).allowedValues;
    const values = allowed?.map((value) => JSON.stringify(value)).join(', ');
    if (values) return `${error.message}: ${values}`;
  }
  const pattern = (entry?.params as { pattern?: unknown } | undefined)?.pattern;
  const field = `${error.validationContext ?? 'body'}${entry?.instancePath ?? ''}`;
  if (entry?.keyword === 'pattern' && pattern === CURSOR_PATTERN) {
    return `${field} must be a cursor the server gave (the \`cursor\` of the page before)`;
  }
  const oneLine = entry?.keyword === 'pattern' ? singleLineRefusal(field, pattern) : undefined;
  if (oneLine) return oneLine;
  return error.message ?? 'The request is not valid';
}

export function toMailbeaconError(error: unknown): MailbeaconError {
  if (isMailbeaconError(error)) return error;
  const fastifyError = (error ?? {}) as Partial<FastifyError>;
  if (fastifyError.validation) {
    return new MailbeaconError('MB_ERR_VALIDATION', validationMessage(fastifyError));
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
