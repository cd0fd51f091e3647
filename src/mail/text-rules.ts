import { type TSchemaOptions, Type } from 'typebox';

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

/** A surrogate half without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds U+0000 or a lone surrogate. */
function isBadText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * Whether a string anywhere in `value` (object keys included) holds the NUL character or a lone
 * surrogate. PostgreSQL's text types cannot store NUL while SQLite's can; a lone surrogate is
 * stored by both as a replacement character, so an address written with one passed as another
 * person. No address, subject, body, chat line or proof has a use for either: every request of
 * the API and every submitted mail is refused with one (BAD_TEXT_REFUSAL).
 */
export function holdsBadText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isBadText(value);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsBadText(item, depth + 1));
  return Object.entries(value).some(
    ([key, item]) => isBadText(key) || holdsBadText(item, depth + 1),
  );
}

/** What a refusal of holdsBadText's characters says. */
export const BAD_TEXT_REFUSAL =
  'text cannot contain the NUL character (U+0000) or a lone surrogate (half a character)';

/**
 * The words for `field` failing a one-line pattern (SingleLine's): a character class nobody
 * reads, so the refusal says which characters it refuses. Undefined for any other pattern.
 */
export function singleLineRefusal(field: string, pattern: unknown): string | undefined {
  if (pattern === ADDRESS_PATTERN) {
    return `${field} must be one line of text without control or invisible characters (tab, CR, LF, NUL…; bidi controls, zero-width and other characters that show nothing)`;
  }
  if (typeof pattern === 'string' && pattern.includes(CONTROL_CHARACTERS)) {
    return `${field} must be one line of text: no control characters (tab, CR, LF, NUL…), DEL, C1 controls, line/paragraph separators (U+2028, U+2029), bidi embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069) or characters that show nothing (zero width space, BOM, soft hyphen, Hangul fillers…; Unicode Cf and default-ignorable code points, but for ZWNJ, ZWJ, directional marks and emoji selectors)`;
  }
  return undefined;
}
