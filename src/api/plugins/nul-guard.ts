import type { FastifyRequest } from 'fastify';
import { fail } from '../../errors.js';
import { BAD_TEXT_REFUSAL, holdsBadText } from '../../mail/index.js';

/**
 * Refuses, before any work, a request whose path parameters, query or JSON body carry the NUL
 * character (U+0000) or a lone surrogate (`\ud800` in JSON), with 400 `validation_failed`.
 * PostgreSQL's text types cannot store NUL (its error was a 500) while SQLite's can; a lone
 * surrogate is stored by both as a replacement character, so an address written with one
 * passed as another person (the do-not-track list then missed it). No address, subject, chat
 * line or proof has a use for either.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  if (holdsBadText(request.params) || holdsBadText(request.query) || holdsBadText(request.body)) {
    fail('MB_ERR_VALIDATION', BAD_TEXT_REFUSAL);
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

/**
 * A plain decimal numeral: an optional minus, digits, an optional fraction. The only way a query
 * string or path spells a number here: ajv coerces with `Number()`, which also reads `0x10`,
 * `0b101`, `0o7`, `1e2`, `+10`, ` 10` and `10 ` (white space trimmed), so `?limit=0x10` was 16.
 */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** An integer as people write one: no fraction (`10.0`), no leading zero (`010`, octal to some). */
const INTEGER = /^-?(?:0|[1-9]\d*)$/;

interface SchemaNode {
  readonly type?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

/** Whether a value of `schema` may be a number (`number`, `integer`, or a union holding one). */
function isNumeric(schema: SchemaNode): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('number') || types.includes('integer')) return true;
  return (schema.anyOf ?? []).some(isNumeric);
}

/** Whether `schema` reads only integers (`integer`, or a union whose numbers are all integers). */
function isIntegerOnly(schema: SchemaNode): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('number')) return false;
  return types.includes('integer') || (schema.anyOf ?? []).every(isIntegerOnly);
}

/** The first field (`querystring/limit`) of `values` that `schema` reads as a number but is not decimal. */
function nonDecimalField(values: unknown, schema: unknown, part: string): string | undefined {
  const properties = (schema as SchemaNode | undefined)?.properties;
  if (!properties || values === null || typeof values !== 'object') return undefined;
  for (const [name, property] of Object.entries(properties)) {
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined || !isNumeric(property)) continue;
    const texts = Array.isArray(value) ? value : [value];
    const form = isIntegerOnly(property) ? INTEGER : DECIMAL;
    if (texts.some((text) => typeof text === 'string' && !form.test(text))) {
      return `${part}/${name}`;
    }
  }
  return undefined;
}

/**
 * Refuses, before validation (while the query and path are still text), a number that is not a
 * plain decimal numeral, on every route from its own schema: 400 `validation_failed` naming the
 * field. Done here rather than per route so that a new route's numbers are guarded the day it is
 * added.
 */
export async function refuseNonDecimalNumbers(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema;
  const field =
    nonDecimalField(request.query, schema?.querystring, 'querystring') ??
    nonDecimalField(request.params, schema?.params, 'params');
  if (field) fail('MB_ERR_VALIDATION', `${field} must be a decimal number (digits, such as 50)`);
}
