import type { FastifyRequest } from 'fastify';
import { fail } from '../../errors.js';

/** Whether a string anywhere in `value` (object keys included) holds U+0000. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  return Object.entries(value).some(
    ([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1),
  );
}

/**
 * Refuses, before any work, a request whose path parameters, query or JSON body carry the NUL
 * character (U+0000), with 400 `validation_failed`. PostgreSQL's text types cannot store it
 * (its error was a 500) while SQLite's can: refusing it at the door keeps both engines alike,
 * and no address, subject, chat line or proof has a use for it.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) {
    fail('MB_ERR_VALIDATION', 'text cannot contain the NUL character (U+0000)');
  }
}
