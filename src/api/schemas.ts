import { type TLiteral, type TSchema, type TSchemaOptions, type TUnion, Type } from 'typebox';
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
/** The literal schemas of a tuple of strings, a tuple themselves. */
type LiteralsOf<Values extends readonly string[]> = {
  -readonly [K in keyof Values]: TLiteral<Values[K]>;
};

/**
 * One of these strings: `anyOf` their literals, statically their union. (A bare
 * `Type.Union(values.map(Type.Literal))` gets an array, not a tuple, whose static type is `never`.)
 */
export function Literals<const Values extends readonly string[]>(
  values: Values,
  options?: TSchemaOptions,
) {
  const literals = values.map((value) => Type.Literal(value));
  return Type.Union(literals, options) as TUnion<LiteralsOf<Values>>;
}

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
/** A language the server writes in: one of the locale registry's codes. */
export const LanguageCode = (options: { description?: string } = {}) =>
  Literals(LANGUAGES, options);
export const NoContent = Type.Null({ description: 'No content' });

/** Where the next page starts; null when there is none. */
export const NextCursor = Type.Union([Id, Type.Null()]);

/** A page's NextCursor: its last item's id when it came full (there may be more), else null. */
export function nextCursor(items: readonly { id: string }[], limit: number): string | null {
  return items.length === limit ? (items.at(-1)?.id ?? null) : null;
}
