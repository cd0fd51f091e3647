import { type TSchema, type TSchemaOptions, Type } from 'typebox';
import { LANGUAGES } from '../i18n/index.js';

/** The body of every refusal: `{"error": {"code", "message"}}`. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code; see docs/errors.md' }),
      message: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);

const errorRef = Type.Ref('ErrorBody');

/** Response schemas for a route: its successes plus the shared error body for 4xx and 5xx. */
export function responses<const R extends Record<number, TSchema>>(success: R) {
  return { ...success, '4xx': errorRef, '5xx': errorRef } as R & { '4xx': TSchema; '5xx': TSchema };
}

export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'Opaque id' });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

// The one-line rules (SingleLine and its patterns) live with the mail they protect, so that
// every path composing a message (this API, SMTP submission) holds to the same ones.
export {
  ADDRESS_PATTERN,
  CONTROL_CHARACTERS,
  SINGLE_LINE_PATTERN,
  SingleLine,
} from '../mail/index.js';

/**
 * One of these strings: a string `enum`, statically their union. An `enum` rather than `anyOf`
 * their literals: a wrong value is then one error ("must be equal to one of the allowed values"),
 * not one "must be equal to constant" per value and an anyOf.
 */
export function Literals<const Values extends readonly string[]>(
  values: Values,
  options?: TSchemaOptions,
) {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * true, false or null, as one `type: ['boolean', 'null']`, not an anyOf: the validator coerces
 * types, and in an anyOf it reads null as false (boolean first) or false as null (null first);
 * with one keyword of two types it coerces only what matches neither.
 */
export function NullableBoolean(options?: TSchemaOptions) {
  return Type.Unsafe<boolean | null>({ type: ['boolean', 'null'], ...options });
}

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
/** A language the server writes in: one of the locale registry's codes. */
export const LanguageCode = (options: { description?: string } = {}) =>
  Literals(LANGUAGES, options);
export const NoContent = Type.Null({ description: 'No content' });

/**
 * What every id the server makes looks like (src/store/ids.ts: 26 characters of Crockford's
 * base32, lower case). A page's cursor is such an id; anything else (`abc`, `NaN`, `1e999`) is
 * a cursor the server never gave, so malformed input (400), not an empty page.
 */
export const CURSOR_PATTERN = '^[0-9a-hjkmnp-tv-z]{26}$';

/** A query's cursor: the `cursor` of the page before, as the server gave it. */
export const Cursor = (description: string) =>
  Type.String({ pattern: CURSOR_PATTERN, description });

/** A `from`/`to` query bound: a day or an instant, read by `plugins/date-range.ts`. */
export const RangeBound = (what: string) =>
  Type.Optional(
    Type.String({
      maxLength: 40,
      description: `${what}: a day (\`2026-11-30\`, from its start in UTC) or an ISO 8601 instant`,
    }),
  );

/** Where the next page starts; null when there is none. */
export const NextCursor = Type.Union([Id, Type.Null()]);

/** A page's NextCursor: its last item's id when it came full (there may be more), else null. */
export function nextCursor(items: readonly { id: string }[], limit: number): string | null {
  return items.length === limit ? (items.at(-1)?.id ?? null) : null;
}
