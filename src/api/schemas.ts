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
/**
 * Characters that show nothing themselves: format characters (Unicode general category Cf) and
 * the default-ignorable code points (DerivedCoreProperties.txt: Hangul fillers, the combining
 * grapheme joiner, Khmer inherent vowels…). Refused in every one-line field besides the
 * controls above:
 *
 * - the explicit bidi embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069 (UAX #9
 *   §2.1–§2.4): `a\u202Egnp.exe` shows as `aexe.png`, and one left open in a From name or a
 *   subject reorders what a mail client shows after it ("Trojan Source", CVE-2021-42574, is the
 *   same trick in code);
 * - invisible characters (zero width space, word joiner, BOM, soft hyphen, Hangul fillers,
 *   annotation characters, invisible musical formatting…): Default_Ignorable_Code_Point
 *   characters (UTS #39 §3.1, not allowed in identifiers), with which two names that look the
 *   same differ.
 *
 * Kept in names and subjects (ALLOWED_INVISIBLE): ZWNJ and ZWJ (U+200C, U+200D), which Persian,
 * the Indic scripts and emoji sequences need (UTS #39 §3.1.1 allows them there); LRM, RLM and ALM
 * (U+200E, U+200F, U+061C), UAX #9 §2.6's implicit marks, which settle the direction of the
 * neutral characters beside them and open nothing that outlives them; the variation selectors
 * (U+FE00–U+FE0F: "❤️" is U+2764 U+FE0F) and the emoji tag characters (U+E0020–U+E007F, UTS #51
 * §2.3: subdivision flags).
 */
const INVISIBLE = '\\p{Cf}\\p{Default_Ignorable_Code_Point}';
const ALLOWED_INVISIBLE = '\\u200C-\\u200F\\u061C\\uFE00-\\uFE0F\\u{E0020}-\\u{E007F}';
/** One character of a one-line field: an allowed invisible one, or any but those refused. */
const LINE_CHARACTER = `(?:[${ALLOWED_INVISIBLE}]|(?![${INVISIBLE}])[^${CONTROL_CHARACTERS}])`;
/** The pattern of a one-line field (ajv compiles patterns with the `u` flag). */
export const SINGLE_LINE_PATTERN = `^${LINE_CHARACTER}*$`;
/** The same, and at least one character that is not white space. */
const SINGLE_LINE_VISIBLE_PATTERN = `^(?=.*\\S)${LINE_CHARACTER}*$`;
/**
 * An address (or a login name, or a do-not-track entry): one line, and nothing invisible at
 * all (ZWJ and the marks included). An address is compared as written, so an invisible
 * character in it makes a second address that looks like the first.
 */
export const ADDRESS_PATTERN = `^[^${CONTROL_CHARACTERS}${INVISIBLE}]*$`;

/**
 * A one-line string: `visible` also asks for a character other than white space (a name);
 * `address` refuses every format character (see ADDRESS_PATTERN).
 * `options` are TypeBox's (`minLength`, `maxLength`, `description`, `format`…).
 */
export function SingleLine(
  options: TSchemaOptions & { visible?: boolean; address?: boolean } = {},
) {
  const { visible, address, ...rest } = options;
  const pattern = address
    ? ADDRESS_PATTERN
    : visible
      ? SINGLE_LINE_VISIBLE_PATTERN
      : SINGLE_LINE_PATTERN;
  return Type.String({ ...rest, pattern });
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
