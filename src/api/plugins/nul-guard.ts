import type { FastifyRequest } from 'fastify';
import { fail } from '../../errors.js';

/** A surrogate half without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds U+0000 or a lone surrogate. */
function isBadText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** Whether a string anywhere in `value` (object keys included) is bad text. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isBadText(value);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => isBadText(key) || holdsNul(item, depth + 1));
}

/**
 * Refuses, before any work, a request whose path parameters, query or JSON body carry the NUL
 * character (U+0000) or a lone surrogate (`\ud800` in JSON), with 400 `validation_failed`.
 * PostgreSQL's text types cannot store NUL (its error was a 500) while SQLite's can; a lone
 * surrogate is stored by both as a replacement character, so an address written with one
 * passed as another person (the do-not-track list then missed it). No address, subject, chat
 * line or proof has a use for either.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) {
    fail(
      'MB_ERR_VALIDATION',
      'text cannot contain the NUL character (U+0000) or a lone surrogate (half a character)',
    );
  }
}

/** The path, e.g. `query/days`, of the first number in `value` that is not finite. */
function nonFinitePath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinitePath(item, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, after validation, a request whose query or body holds a number that is not finite,
 * with 400 `validation_failed` naming the field. JSON.parse reads `1e999` as Infinity, and ajv
 * coerces the query's "1e999" to Infinity too, which then passes `integer`, `minimum` and
 * `maximum` alike (ajv skips the bounds of a non-finite number): `?days=1e999` was a 500.
 */
export async function refuseNonFiniteNumbers(request: FastifyRequest): Promise<void> {
  const path = nonFinitePath(request.query, 'query') ?? nonFinitePath(request.body, 'body');
  if (path) fail('MB_ERR_VALIDATION', `${path} must be a finite number`);
}
