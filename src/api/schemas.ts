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

/**
 * The characters no name, subject, address or other one-line field may hold: C0 controls (NUL,
 * tab, CR, LF…), DEL, C1 controls, and the Unicode line and paragraph separators. Stored in one,
 * they break a later mail header ("from name contains a line break") or a CSV row, long after
 * the request that brought them was answered; so they are refused at input, naming the field.
 */
export const CONTROL_CHARACTERS = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029';
/** The pattern of a one-line field (ajv compiles patterns with the `u` flag). */
export const SINGLE_LINE_PATTERN = `^[^${CONTROL_CHARACTERS}]*$`;
/** The same, and at least one character that is not white space. */
const SINGLE_LINE_VISIBLE_PATTERN = `^(?=.*\\S)[^${CONTROL_CHARACTERS}]*$`;

/**
 * A one-line string: `visible` also asks for a character other than white space (a name).
 * `options` are TypeBox's (`minLength`, `maxLength`, `description`, `format`…).
 */
export function SingleLine(options: TSchemaOptions & { visible?: boolean } = {}) {
  const { visible, ...rest } = options;
  return Type.String({
    ...rest,
    pattern: visible ? SINGLE_LINE_VISIBLE_PATTERN : SINGLE_LINE_PATTERN,
  });
}
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

/** Where the next page starts; null when there is none. */
export const NextCursor = Type.Union([Id, Type.Null()]);

/** A page's NextCursor: its last item's id when it came full (there may be more), else null. */
export function nextCursor(items: readonly { id: string }[], limit: number): string | null {
  return items.length === limit ? (items.at(-1)?.id ?? null) : null;
}
